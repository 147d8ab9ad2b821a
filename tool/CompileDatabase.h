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
  /// The entry's "command" string while it is not split into Argv yet
  /// (see parseCompileDatabase's SplitCommands).
  std::string Command;
};

/// Parses a compile_commands.json. Errors name the file, the line and column
/// of a JSON syntax error, or the entry and key that is wrong.
/// The error for JSON in \p Path that llvm::json::parse rejected with \p E:
/// "Path:LINE:COL: \p What: reason" when the parser gave a position, else
/// "Path: \p What: message".
llvm::Error malformedJsonError(llvm::StringRef Path, llvm::Error E,
                               llvm::StringRef What);

/// With \p SplitCommands false, "command" strings are kept in
/// CompileCommand::Command and split by splitCommand() later, for the entries
/// that are analysed (a kernel database has thousands of long commands).
llvm::Expected<std::vector<CompileCommand>>
parseCompileDatabase(llvm::StringRef Path, llvm::StringRef Contents,
                     bool SplitCommands = true);
llvm::Expected<std::vector<CompileCommand>>
loadCompileDatabase(llvm::StringRef Path, bool SplitCommands = true);

/// Fills Argv from Command when the entry was parsed without splitting.
void splitCommand(CompileCommand &C);

/// compile_commands.json in \p Start or one of its parents; empty if none.
std::string findCompileDatabase(llvm::StringRef Start);

/// Splits a "command" string as a POSIX shell would (quotes, escapes).
std::vector<std::string> splitCommandLine(llvm::StringRef Command);

} // namespace kmapcheck

#endif
