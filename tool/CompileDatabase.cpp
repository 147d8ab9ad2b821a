//===- CompileDatabase.cpp ------------------------------------------------===//
#include "tool/CompileDatabase.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdio>

namespace kmapcheck {

std::vector<std::string> splitCommandLine(llvm::StringRef Cmd) {
  std::vector<std::string> Out;
  std::string Cur;
  bool InWord = false;
  for (size_t I = 0; I < Cmd.size(); ++I) {
    char C = Cmd[I];
    if (C == '\\' && I + 1 < Cmd.size()) {
      Cur += Cmd[++I];
      InWord = true;
    } else if (C == '\'') {
      InWord = true;
      while (++I < Cmd.size() && Cmd[I] != '\'')
        Cur += Cmd[I];
    } else if (C == '"') {
      InWord = true;
      while (++I < Cmd.size() && Cmd[I] != '"') {
        if (Cmd[I] == '\\' && I + 1 < Cmd.size() &&
            (Cmd[I + 1] == '"' || Cmd[I + 1] == '\\' || Cmd[I + 1] == '$' ||
             Cmd[I + 1] == '`'))
          ++I;
        Cur += Cmd[I];
      }
    } else if (C == ' ' || C == '\t' || C == '\n') {
      if (InWord)
        Out.push_back(Cur);
      Cur.clear();
      InWord = false;
    } else {
      Cur += C;
      InWord = true;
    }
  }
  if (InWord)
    Out.push_back(Cur);
  return Out;
}

static llvm::Error entryError(llvm::StringRef Path, size_t Index,
                              const llvm::Twine &What) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 Path + ": entry " + llvm::Twine(Index) + ": " +
                                     What);
}

llvm::Error malformedJsonError(llvm::StringRef Path, llvm::Error E,
                               llvm::StringRef What) {
  std::string Msg = llvm::toString(std::move(E));
  unsigned Line = 0, Col = 0, Off = 0;
  char Text[512] = {0};
  if (std::sscanf(Msg.c_str(), "[%u:%u, byte=%u]: %511[^\n]", &Line, &Col, &Off,
                  Text) == 4)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(), "%s:%u:%u: %s: %s", Path.str().c_str(),
        Line, Col, What.str().c_str(), static_cast<const char *>(Text));
  return llvm::createStringError(llvm::inconvertibleErrorCode(), "%s: %s: %s",
                                 Path.str().c_str(), What.str().c_str(),
                                 Msg.c_str());
}

llvm::Expected<std::vector<CompileCommand>>
parseCompileDatabase(llvm::StringRef Path, llvm::StringRef Contents,
                     bool SplitCommands) {
  llvm::Expected<llvm::json::Value> V = llvm::json::parse(Contents);
  if (!V)
    return malformedJsonError(Path, V.takeError(),
                              "malformed compile database");
  const llvm::json::Array *Arr = V->getAsArray();
  if (!Arr)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "%s:1:1: malformed compile database: expected a JSON array of "
        "{directory, file, command|arguments} objects",
        Path.str().c_str());
  std::vector<CompileCommand> Out;
  for (size_t I = 0; I < Arr->size(); ++I) {
    const llvm::json::Object *O = (*Arr)[I].getAsObject();
    if (!O)
      return entryError(Path, I, "expected an object");
    CompileCommand C;
    auto Dir = O->getString("directory");
    auto File = O->getString("file");
    if (!Dir)
      return entryError(Path, I, "missing string key 'directory'");
    if (!File)
      return entryError(Path, I, "missing string key 'file'");
    // As clang's JSONCompilationDatabase: 'file' is relative to
    // 'directory'; a relative 'directory' is taken relative to the
    // database's own directory.
    llvm::SmallString<256> D(*Dir);
    if (!llvm::sys::path::is_absolute(D)) {
      llvm::SmallString<256> Base(Path);
      llvm::sys::fs::make_absolute(Base);
      llvm::sys::path::remove_filename(Base);
      llvm::sys::path::append(Base, *Dir);
      D = Base;
    }
    llvm::sys::path::remove_dots(D, true);
    C.Directory = std::string(D);
    llvm::SmallString<256> Abs(*File);
    if (!llvm::sys::path::is_absolute(Abs)) {
      Abs = C.Directory;
      llvm::sys::path::append(Abs, *File);
    }
    llvm::sys::path::remove_dots(Abs, true);
    C.File = std::string(Abs);
    if (const llvm::json::Array *Args = O->getArray("arguments")) {
      for (const llvm::json::Value &A : *Args) {
        auto S = A.getAsString();
        if (!S)
          return entryError(Path, I, "'arguments' must hold strings");
        C.Argv.push_back(S->str());
      }
    } else if (auto Cmd = O->getString("command")) {
      if (Cmd->trim().empty())
        return entryError(Path, I, "empty command");
      if (SplitCommands)
        C.Argv = splitCommandLine(*Cmd);
      else
        C.Command = Cmd->str();
    } else {
      return entryError(Path, I,
                        "missing 'command' string or 'arguments' array");
    }
    if (C.Argv.empty() && C.Command.empty())
      return entryError(Path, I, "empty command");
    Out.push_back(std::move(C));
  }
  return Out;
}

llvm::Expected<std::vector<CompileCommand>>
loadCompileDatabase(llvm::StringRef Path, bool SplitCommands) {
  auto Buf = llvm::MemoryBuffer::getFile(Path);
  if (!Buf)
    return llvm::createStringError(
        Buf.getError(), "%s: cannot read compile database: %s",
        Path.str().c_str(), Buf.getError().message().c_str());
  return parseCompileDatabase(Path, (*Buf)->getBuffer(), SplitCommands);
}

void splitCommand(CompileCommand &C) {
  if (C.Argv.empty() && !C.Command.empty()) {
    C.Argv = splitCommandLine(C.Command);
    C.Command.clear();
  }
}

std::string findCompileDatabase(llvm::StringRef Start) {
  llvm::SmallString<256> Dir(Start);
  llvm::sys::fs::make_absolute(Dir);
  if (!llvm::sys::fs::is_directory(Dir))
    llvm::sys::path::remove_filename(Dir);
  while (!Dir.empty()) {
    llvm::SmallString<256> Candidate(Dir);
    llvm::sys::path::append(Candidate, "compile_commands.json");
    if (llvm::sys::fs::exists(Candidate))
      return std::string(Candidate);
    llvm::StringRef Parent = llvm::sys::path::parent_path(Dir);
    if (Parent == Dir)
      break;
    Dir = Parent;
  }
  return "";
}

} // namespace kmapcheck
