//===- CompileDatabase.h - compile_commands.json ----------------*- C++ -*-===//
#ifndef KMAPCHECK_TOOL_COMPILEDATABASE_H
#define KMAPCHECK_TOOL_COMPILEDATABASE_H

#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace kmapcheck {

struct CompileCommand {
  std::string Directory;
  std::string File;              // absolute, normalized
  std::vector<std::string> Argv; // compiler first
};

/// Parses a compile_commands.json. Errors name the file, the line and column
/// of a JSON syntax error, or the entry and key that is wrong.
llvm::Expected<std::vector<CompileCommand>>
parseCompileDatabase(llvm::StringRef Path, llvm::StringRef Contents);
llvm::Expected<std::vector<CompileCommand>>
loadCompileDatabase(llvm::StringRef Path);

/// compile_commands.json in \p Start or one of its parents; empty if none.
std::string findCompileDatabase(llvm::StringRef Start);

/// Splits a "command" string as a POSIX shell would (quotes, escapes).
std::vector<std::string> splitCommandLine(llvm::StringRef Command);

} // namespace kmapcheck

#endif
