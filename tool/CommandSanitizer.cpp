//===- CommandSanitizer.cpp -----------------------------------------------===//
#include "tool/CommandSanitizer.h"

#include "clang/Driver/Options.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Option/Arg.h"
#include "llvm/Option/ArgList.h"
#include "llvm/Option/OptTable.h"
#include "llvm/Option/Option.h"
#include "llvm/Support/Path.h"

namespace kmapcheck {

std::string targetFromCompilerName(llvm::StringRef Compiler) {
  llvm::StringRef Base = llvm::sys::path::filename(Compiler);
  // Strip a version suffix: gcc-12, arm-linux-gnueabi-gcc-12.2
  while (!Base.empty()) {
    size_t Dash = Base.rfind('-');
    if (Dash == llvm::StringRef::npos)
      break;
    llvm::StringRef Tail = Base.substr(Dash + 1);
    if (Tail.empty() || !llvm::all_of(Tail, [](char C) {
          return llvm::isDigit(C) || C == '.';
        }))
      break;
    Base = Base.substr(0, Dash);
  }
  for (llvm::StringRef Driver : {"-gcc", "-cc", "-clang", "-g++", "-c++"}) {
    if (Base.ends_with(Driver)) {
      llvm::StringRef Triple = Base.drop_back(Driver.size());
      // A triple has at least two components (arm-linux, x86_64-linux-gnu).
      if (Triple.contains('-'))
        return Triple.str();
    }
  }
  return "";
}

namespace {

bool isCompilerWrapper(llvm::StringRef Arg0) {
  llvm::StringRef B = llvm::sys::path::filename(Arg0);
  return B == "ccache" || B == "distcc" || B == "sccache" || B == "icecc";
}

/// Options that take their value as the next argument and that we drop.
bool dropsWithValue(llvm::StringRef A) {
  return A == "-o" || A == "-MF" || A == "-MT" || A == "-MQ" || A == "-load" ||
         A == "-fplugin" || A == "-dumpbase" || A == "-dumpdir" ||
         A == "-auxbase" || A == "-auxbase-strip";
}

bool isPluginFlag(llvm::StringRef A) {
  return A.starts_with("-fplugin=") || A.starts_with("-fplugin-arg-") ||
         A.starts_with("-fpass-plugin=") || A.starts_with("-load=") ||
         A.starts_with("-fplugin-arg") || A.starts_with("-load-pass-plugin");
}

bool isXclangPlugin(llvm::StringRef A, bool &TakesValue) {
  TakesValue = A == "-load" || A == "-add-plugin" || A == "-plugin" ||
               A.starts_with("-plugin-arg-") || A == "-load-pass-plugin";
  return TakesValue || A.starts_with("-fpass-plugin=") ||
         A.starts_with("-load=") || A.starts_with("-add-plugin=") ||
         A.starts_with("-plugin=");
}

/// Translations of GCC-only flags that have a clang equivalent. Returns the
/// replacement arguments (possibly none), or false when \p A is not one.
bool translateGccFlag(llvm::StringRef A, std::vector<std::string> &Out) {
  if (A == "-mindirect-branch=thunk-extern" ||
      A == "-mindirect-branch=thunk-inline" || A == "-mindirect-branch=thunk") {
    Out = {A.ends_with("extern") ? "-mretpoline-external-thunk"
                                 : "-mretpoline"};
    return true;
  }
  if (A.consume_front("-mpreferred-stack-boundary=")) {
    unsigned N;
    if (!A.getAsInteger(10, N) && N < 16)
      Out = {"-mstack-alignment=" + std::to_string(1u << N)};
    else
      Out = {};
    return true;
  }
  if (A.consume_front("-fmin-function-alignment=")) {
    Out = {"-falign-functions=" + A.str()};
    return true;
  }
  if (A.consume_front("-fsanitize=")) {
    // GCC-only sanitizer names; keep the rest.
    llvm::SmallVector<llvm::StringRef, 4> Parts;
    A.split(Parts, ',');
    std::vector<std::string> Kept;
    bool Changed = false;
    for (llvm::StringRef P : Parts) {
      if (P == "bounds-strict") {
        Kept.push_back("array-bounds");
        Changed = true;
      } else {
        Kept.push_back(P.str());
      }
    }
    if (!Changed)
      return false;
    Out = {"-fsanitize=" + llvm::join(Kept, ",")};
    return true;
  }
  return false;
}

} // namespace

SanitizedCommand sanitizeCommand(llvm::ArrayRef<std::string> Argv,
                                 llvm::StringRef File) {
  SanitizedCommand R;
  if (Argv.empty())
    return R;
  size_t I = 0;
  if (isCompilerWrapper(Argv[0]) && Argv.size() > 1)
    ++I;
  R.Target = targetFromCompilerName(Argv[I]);
  ++I;

  // Pass 1: rules that do not depend on clang's option table.
  std::vector<std::string> Pass1;
  for (; I < Argv.size(); ++I) {
    llvm::StringRef A = Argv[I];
    auto Drop = [&](llvm::StringRef What) { R.Dropped.push_back(What.str()); };
    if (A.empty())
      continue;
    if (dropsWithValue(A)) {
      Drop(A);
      if (I + 1 < Argv.size())
        Drop(Argv[++I]);
      continue;
    }
    if (A == "-Xclang" && I + 1 < Argv.size()) {
      bool TakesValue;
      if (isXclangPlugin(Argv[I + 1], TakesValue)) {
        Drop(A);
        Drop(Argv[++I]);
        if (TakesValue && I + 1 < Argv.size()) {
          if (Argv[I + 1] == "-Xclang" && I + 2 < Argv.size()) {
            Drop(Argv[++I]);
            Drop(Argv[++I]);
          } else {
            Drop(Argv[++I]);
          }
        }
        continue;
      }
      Pass1.push_back(A.str());
      Pass1.push_back(Argv[++I]);
      continue;
    }
    if (isPluginFlag(A) || A.starts_with("-Werror") ||
        A == "-pedantic-errors" || A.starts_with("-Wp,") ||
        A.starts_with("-Wno-error") || A == "-MD" || A == "-MMD" ||
        A == "-MP" || A == "-M" || A == "-MM" || A == "-MG" || A == "-c" ||
        A == "-S" || A == "-E" || A == "-fsyntax-only" ||
        (A.starts_with("-o") && A.size() > 2 && !A.starts_with("-obj"))) {
      Drop(A);
      continue;
    }
    std::vector<std::string> T;
    if (translateGccFlag(A, T)) {
      R.Translated.push_back(
          A.str() + " -> " +
          (T.empty() ? std::string("(nothing)") : llvm::join(T, " ")));
      Pass1.insert(Pass1.end(), T.begin(), T.end());
      continue;
    }
    Pass1.push_back(A.str());
  }

  // Pass 2: keep what clang's driver knows, drop the rest.
  const llvm::opt::OptTable &Table = clang::driver::getDriverOptTable();
  std::vector<const char *> CArgs;
  for (const std::string &S : Pass1)
    CArgs.push_back(S.c_str());
  unsigned MissingIndex = 0, MissingCount = 0;
  llvm::opt::InputArgList Args = Table.ParseArgs(
      CArgs, MissingIndex, MissingCount,
      llvm::opt::Visibility(clang::driver::options::ClangOption));
  // Each parsed Arg owns argv[Index .. next Arg's Index).
  std::vector<const llvm::opt::Arg *> Parsed(Args.begin(), Args.end());
  llvm::sort(Parsed, [](const llvm::opt::Arg *A, const llvm::opt::Arg *B) {
    return A->getIndex() < B->getIndex();
  });
  for (size_t K = 0; K < Parsed.size(); ++K) {
    const llvm::opt::Arg *A = Parsed[K];
    unsigned Begin = A->getIndex();
    unsigned End = K + 1 < Parsed.size() ? Parsed[K + 1]->getIndex()
                                         : unsigned(CArgs.size());
    if (MissingCount && MissingIndex >= Begin && MissingIndex < End)
      End = CArgs.size();
    llvm::opt::Option O = A->getOption();
    bool Unknown = O.getKind() == llvm::opt::Option::UnknownClass;
    bool Input = O.getKind() == llvm::opt::Option::InputClass;
    if (Unknown || Input ||
        (MissingCount && MissingIndex >= Begin && MissingIndex < End)) {
      for (unsigned J = Begin; J < End; ++J)
        R.Dropped.push_back(CArgs[J]);
      continue;
    }
    for (unsigned J = Begin; J < End; ++J)
      R.Args.push_back(CArgs[J]);
  }
  return R;
}

} // namespace kmapcheck
