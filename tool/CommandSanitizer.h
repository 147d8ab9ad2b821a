//===- CommandSanitizer.h - GCC command lines made safe for clang -*- C++
//-*-===//
//
// Kernel trees are usually built with GCC; their compile commands carry flags
// clang rejects. Each command is rewritten before kmapcheck parses the TU:
//  * what has a clang equivalent is translated (-mindirect-branch=thunk-extern,
//    -mpreferred-stack-boundary=N, -fmin-function-alignment=N, ...);
//  * what clang's driver does not know is dropped, decided by clang's own
//    option table, so a flag nobody listed never aborts a TU;
//  * -Werror*, dependency-file flags (-Wp,-MMD,..., -MD, -MF) and outputs
//    are dropped;
//  * plugins are never passed on, in any spelling clang's option table
//    knows (-fplugin=, -fpass-plugin=, -Xclang -load, -Xclang=-load,
//    -Xclang -add-plugin, -mllvm -load=...), each dropped with its values:
//    a compile database must not make kmapcheck load code;
//  * response files (@file) are expanded first, relative to the entry's
//    directory, as clang would;
//  * a cross-compiler prefix (arm-linux-gnueabi-gcc) becomes --target=.
//
//===----------------------------------------------------------------------===//
#ifndef KMAPCHECK_TOOL_COMMANDSANITIZER_H
#define KMAPCHECK_TOOL_COMMANDSANITIZER_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace kmapcheck {

struct SanitizedCommand {
  /// Arguments for clang, without the compiler name and the input file.
  std::vector<std::string> Args;
  /// What was dropped or translated, for --verbose and tests.
  std::vector<std::string> Dropped;
  std::vector<std::string> Translated;
  /// The target implied by a cross-compiler prefix, or empty.
  std::string Target;
};

/// \p Argv is the full command (compiler first). \p File is the TU's source
/// file as the database names it; it is removed from the arguments.
/// Response files (@file) are expanded first, relative to \p Directory (the
/// entry's directory; the current directory when empty).
SanitizedCommand sanitizeCommand(llvm::ArrayRef<std::string> Argv,
                                 llvm::StringRef File,
                                 llvm::StringRef Directory = "");

/// The target triple implied by a compiler name, e.g. "arm-linux-gnueabi"
/// for "arm-linux-gnueabi-gcc-12"; empty for a native compiler.
std::string targetFromCompilerName(llvm::StringRef Compiler);

} // namespace kmapcheck

#endif
