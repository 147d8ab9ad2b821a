//===- InputSelection.cpp -------------------------------------------------===//
#include "tool/InputSelection.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace kmapcheck {

std::string absolutePath(llvm::StringRef P) {
  llvm::SmallString<256> A(P);
  llvm::sys::fs::make_absolute(A);
  llvm::sys::path::remove_dots(A, true);
  return std::string(A);
}

namespace {

llvm::Error error(const llvm::Twine &Msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Msg);
}

bool isUnder(llvm::StringRef File, llvm::StringRef Dir) {
  if (File == Dir)
    return true;
  return File.starts_with(Dir) && File.size() > Dir.size() &&
         llvm::sys::path::is_separator(File[Dir.size()]);
}

/// \p P with symbolic links resolved when it exists, else absolute.
std::string realOrAbsolute(llvm::StringRef P) {
  llvm::SmallString<256> R;
  if (!llvm::sys::fs::real_path(P, R))
    return std::string(R);
  return absolutePath(P);
}

/// Real paths of database entries: each directory resolved once.
class RealPaths {
public:
  std::string of(llvm::StringRef File) {
    llvm::StringRef Dir = llvm::sys::path::parent_path(File);
    auto It = Dirs.find(Dir);
    if (It == Dirs.end())
      It = Dirs.try_emplace(Dir, realOrAbsolute(Dir)).first;
    llvm::SmallString<256> P(It->second);
    llvm::sys::path::append(P, llvm::sys::path::filename(File));
    return std::string(P);
  }

private:
  llvm::StringMap<std::string> Dirs;
};

/// Collects *.c files below \p Dir, sorted.
void collectSources(llvm::StringRef Dir, std::vector<std::string> &Out) {
  std::error_code EC;
  for (llvm::sys::fs::recursive_directory_iterator It(Dir, EC), End;
       It != End && !EC; It.increment(EC))
    if (llvm::StringRef(It->path()).ends_with(".c"))
      Out.push_back(absolutePath(It->path()));
  llvm::sort(Out);
}

std::vector<CompileCommand> demoCommands(const Options &O,
                                         llvm::StringRef DataDir,
                                         llvm::raw_ostream &Err) {
  llvm::SmallString<256> Scenarios(DataDir), Inc(DataDir);
  llvm::sys::path::append(Scenarios, "reference", "scenarios");
  llvm::sys::path::append(Inc, "reference", "include");
  std::vector<std::string> Files;
  collectSources(Scenarios, Files);
  std::vector<CompileCommand> Commands;
  for (const std::string &F : Files)
    Commands.push_back({std::string(llvm::sys::path::parent_path(F)),
                        F,
                        {"cc", "-std=gnu11", "-I" + std::string(Inc), F},
                        ""});
  if (!O.Quiet)
    Err << "kmapcheck: no compile database and no paths; analysing the "
           "reference scenarios in "
        << Scenarios << " (see 'kmapcheck --help', 'kmapcheck validate')\n";
  return Commands;
}

llvm::Expected<std::vector<CompileCommand>>
fixedArgsCommands(const Options &O) {
  if (O.Paths.empty())
    return error("no source files given before '--'");
  llvm::SmallString<256> Cwd;
  llvm::sys::fs::current_path(Cwd);
  std::vector<CompileCommand> Commands;
  bool LanguageGiven = llvm::any_of(O.FixedArgs, [](llvm::StringRef A) {
    return A == "-x" || (A.starts_with("-x") && A.size() > 2);
  });
  for (const std::string &P : O.Paths) {
    std::vector<std::string> Files;
    if (!llvm::sys::fs::exists(P))
      return error("'" + P + "' does not exist");
    if (llvm::sys::fs::is_directory(P)) {
      collectSources(P, Files);
      if (Files.empty())
        return error("no C source file (*.c) in the directory '" + P + "'");
    } else {
      llvm::StringRef Ext = llvm::sys::path::extension(P);
      if (!LanguageGiven && Ext != ".c" && Ext != ".h" && Ext != ".i")
        return error("'" + P +
                     "' is not a C source file (.c, .h, .i); give the "
                     "language with '-x c' after '--' to analyse it anyway");
      Files.push_back(absolutePath(P));
    }
    for (const std::string &F : Files) {
      CompileCommand C{std::string(Cwd), F, {"cc"}, ""};
      C.Argv.insert(C.Argv.end(), O.FixedArgs.begin(), O.FixedArgs.end());
      C.Argv.push_back(F);
      Commands.push_back(std::move(C));
    }
  }
  return Commands;
}

llvm::Expected<std::vector<CompileCommand>>
databaseCommands(const Options &O, llvm::raw_ostream &Err) {
  std::string DB = O.Database;
  if (DB.empty()) {
    DB = findCompileDatabase(O.Paths.empty() ? "." : O.Paths.front());
    if (DB.empty())
      return error("no compile_commands.json found in " +
                   absolutePath(O.Paths.empty() ? "." : O.Paths.front()) +
                   " or its parents; pass -p <dir|file>, or compiler "
                   "arguments after '--'");
  } else if (llvm::sys::fs::is_directory(DB)) {
    llvm::SmallString<256> P(DB);
    llvm::sys::path::append(P, "compile_commands.json");
    DB = std::string(P);
  }
  auto Loaded = loadCompileDatabase(DB, /*SplitCommands=*/false);
  if (!Loaded)
    return Loaded.takeError();
  if (Loaded->empty())
    return error(DB + ": the compile database has no entries");
  // Paths are compared as given and with symbolic links resolved on both
  // sides: a tree reached through a link is the same tree.
  std::vector<std::string> Selectors, RealSelectors;
  for (const std::string &P : O.Paths) {
    Selectors.push_back(absolutePath(P));
    RealSelectors.push_back(realOrAbsolute(P));
  }
  std::vector<bool> Used(Selectors.size(), false);
  std::vector<CompileCommand> Commands;
  RealPaths Real;
  for (CompileCommand &C : *Loaded) {
    if (!llvm::StringRef(C.File).ends_with(".c"))
      continue; // assembler and other languages are not analysed
    bool Take = Selectors.empty();
    std::string RealFile;
    for (size_t K = 0; K < Selectors.size(); ++K) {
      bool Match = isUnder(C.File, Selectors[K]);
      if (!Match) {
        if (RealFile.empty())
          RealFile = Real.of(C.File);
        Match = isUnder(RealFile, RealSelectors[K]);
      }
      if (Match) {
        Take = true;
        Used[K] = true;
      }
    }
    if (Take) {
      splitCommand(C);
      Commands.push_back(std::move(C));
    }
  }
  for (size_t K = 0; K < Selectors.size(); ++K)
    if (!Used[K])
      Err << "kmapcheck: warning: no C translation unit in " << DB
          << " matches '" << O.Paths[K] << "'\n";
  if (Commands.empty())
    return error("no translation unit to analyse in " + DB);
  return Commands;
}

} // namespace

bool wantsDemo(const Options &O) {
  return O.Demo || (O.Paths.empty() && !O.HasFixedArgs && O.Database.empty() &&
                    findCompileDatabase(".").empty());
}

llvm::Expected<std::vector<CompileCommand>>
selectInputs(const Options &O, llvm::StringRef DataDir,
             llvm::raw_ostream &Err) {
  if (O.Demo)
    return demoCommands(O, DataDir, Err);
  if (O.HasFixedArgs)
    return fixedArgsCommands(O);
  return databaseCommands(O, Err);
}

} // namespace kmapcheck
