//===- CommandSanitizer.cpp -----------------------------------------------===//
#include "tool/CommandSanitizer.h"

#include "clang/Driver/Options.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Option/Arg.h"
#include "llvm/Option/ArgList.h"
#include "llvm/Option/OptTable.h"
#include "llvm/Option/Option.h"
#include "llvm/Support/Allocator.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Error.h"
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

/// Options whose value is the next argument, which the rules of pass 1 must
/// leave alone (-Xclang -c is not a -c).
bool takesSeparateValue(llvm::StringRef A) {
  return llvm::is_contained({"-Xclang",
                             "-mllvm",
                             "-Xpreprocessor",
                             "-Xanalyzer",
                             "-Xassembler",
                             "-Xlinker",
                             "-Xopenmp-target",
                             "-Xcuda-ptxas",
                             "-Xarch_host",
                             "-Xarch_device",
                             "-include",
                             "-imacros",
                             "-isystem",
                             "-idirafter",
                             "-iquote",
                             "-iprefix",
                             "-I",
                             "-D",
                             "-U",
                             "-x",
                             "-target",
                             "-arch"},
                            A) ||
         (A.starts_with("-Xarch_") && !A.contains('='));
}

/// Whether \p Arg (relative to \p Directory) names the TU's \p File.
bool isTheSourceFile(llvm::StringRef Arg, llvm::StringRef File,
                     llvm::StringRef Directory) {
  if (Arg == File)
    return true;
  llvm::SmallString<256> A(Arg), F(File);
  if (!llvm::sys::path::is_absolute(A) && !Directory.empty()) {
    A = Directory;
    llvm::sys::path::append(A, Arg);
  }
  if (!llvm::sys::path::is_absolute(F) && !Directory.empty()) {
    F = Directory;
    llvm::sys::path::append(F, File);
  }
  llvm::sys::path::remove_dots(A, true);
  llvm::sys::path::remove_dots(F, true);
  return A == F;
}

/// For each parsed argument of \p Args (sorted by index), the range of
/// \p Argv it owns: [Index, next argument's Index), through the end when the
/// last value is missing.
std::vector<std::pair<unsigned, unsigned>>
argRanges(llvm::ArrayRef<const llvm::opt::Arg *> Args, size_t ArgvSize,
          unsigned MissingIndex, unsigned MissingCount) {
  std::vector<std::pair<unsigned, unsigned>> R;
  for (size_t K = 0; K < Args.size(); ++K) {
    unsigned Begin = Args[K]->getIndex();
    unsigned End =
        K + 1 < Args.size() ? Args[K + 1]->getIndex() : unsigned(ArgvSize);
    if (MissingCount && MissingIndex >= Begin && MissingIndex < End)
      End = ArgvSize;
    R.push_back({Begin, End});
  }
  return R;
}

std::vector<const llvm::opt::Arg *> sortedArgs(const llvm::opt::ArgList &L) {
  std::vector<const llvm::opt::Arg *> V(L.begin(), L.end());
  llvm::sort(V, [](const llvm::opt::Arg *A, const llvm::opt::Arg *B) {
    return A->getIndex() < B->getIndex();
  });
  return V;
}

/// An LLVM option given through -mllvm that loads code.
bool isLlvmPluginOption(llvm::StringRef V) {
  V = V.ltrim('-');
  llvm::StringRef Name = V.take_until([](char C) { return C == '='; });
  return Name == "load" || Name.contains("plugin");
}

/// Driver options whose value is a driver command line of its own, which
/// would escape the sanitizer.
bool forwardsDriverArgs(const llvm::opt::Option &O) {
  using namespace clang::driver::options;
  return O.matches(OPT_Xarch__) || O.matches(OPT_Xarch_host) ||
         O.matches(OPT_Xarch_device) || O.matches(OPT_Xopenmp_target) ||
         O.matches(OPT_Xopenmp_target_EQ);
}

/// Options that load code into the compiler, in any spelling the option
/// table knows (-fplugin=, -Xclang -load, -Xclang=-load, -mllvm -load=...).
bool loadsCode(const llvm::opt::Arg &A) {
  using namespace clang::driver::options;
  const llvm::opt::Option &O = A.getOption();
  if (O.matches(OPT_fplugin_EQ) || O.matches(OPT_fplugin_arg) ||
      O.matches(OPT_fpass_plugin_EQ) || O.matches(OPT_load) ||
      O.matches(OPT_plugin) || O.matches(OPT_add_plugin) ||
      O.matches(OPT_plugin_arg))
    return true;
  if (O.matches(OPT_mllvm))
    return llvm::any_of(A.getValues(), isLlvmPluginOption);
  return false;
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
                                 llvm::StringRef File,
                                 llvm::StringRef Directory) {
  SanitizedCommand R;
  if (Argv.empty())
    return R;
  size_t I = 0;
  if (isCompilerWrapper(Argv[0]) && Argv.size() > 1)
    ++I;
  R.Target = targetFromCompilerName(Argv[I]);
  ++I;

  // Response files (@file) are expanded as clang does, relative to the
  // entry's directory, so that nothing they hold escapes the rules below.
  std::vector<std::string> Expanded;
  {
    llvm::BumpPtrAllocator Alloc;
    llvm::cl::ExpansionContext ECtx(Alloc, llvm::cl::TokenizeGNUCommandLine);
    if (!Directory.empty())
      ECtx.setCurrentDir(Directory);
    llvm::SmallVector<const char *, 64> V;
    for (size_t K = I; K < Argv.size(); ++K)
      V.push_back(Argv[K].c_str());
    if (llvm::Error E = ECtx.expandResponseFiles(V)) {
      R.Dropped.push_back("(response file: " + llvm::toString(std::move(E)) +
                          ")");
      V.clear();
      for (size_t K = I; K < Argv.size(); ++K)
        V.push_back(Argv[K].c_str());
    }
    for (const char *A : V)
      Expanded.push_back(A);
  }
  llvm::ArrayRef<std::string> Rest = Expanded;

  // Pass 1: rules that do not depend on clang's option table.
  std::vector<std::string> Pass1;
  for (I = 0; I < Rest.size(); ++I) {
    llvm::StringRef A = Rest[I];
    auto Drop = [&](llvm::StringRef What) { R.Dropped.push_back(What.str()); };
    if (A.empty())
      continue;
    if (dropsWithValue(A)) {
      Drop(A);
      if (I + 1 < Rest.size())
        Drop(Rest[++I]);
      continue;
    }
    if (takesSeparateValue(A) && I + 1 < Rest.size()) {
      // The value is judged with its option by the table below.
      Pass1.push_back(A.str());
      Pass1.push_back(Rest[++I]);
      continue;
    }
    if (A == "-c" || A == "-S" || A == "-E" || A == "-fsyntax-only")
      continue; // the mode: kmapcheck's own -fsyntax-only replaces it
    if (A.starts_with("-Werror") || A == "-pedantic-errors" ||
        A.starts_with("-Wp,") || A.starts_with("-Wno-error") || A == "-MD" ||
        A == "-MMD" || A == "-MP" || A == "-M" || A == "-MM" || A == "-MG" ||
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
  std::vector<const llvm::opt::Arg *> Parsed = sortedArgs(Args);
  auto Ranges = argRanges(Parsed, CArgs.size(), MissingIndex, MissingCount);

  // -Xclang (-Xclang=) and -Xpreprocessor values form a cc1 command line;
  // it is parsed with the cc1 options so that an option and its value,
  // given as two -Xclang, are judged (and dropped) together.
  std::vector<size_t> Forwarded; // indexes into Parsed
  std::vector<const char *> Cc1;
  for (size_t K = 0; K < Parsed.size(); ++K) {
    const llvm::opt::Option &O = Parsed[K]->getOption();
    if ((O.matches(clang::driver::options::OPT_Xclang) ||
         O.matches(clang::driver::options::OPT_Xpreprocessor)) &&
        Parsed[K]->getNumValues() == 1) {
      Forwarded.push_back(K);
      Cc1.push_back(Parsed[K]->getValue());
    }
  }
  std::vector<bool> DropForwarded(Parsed.size(), false);
  if (!Cc1.empty()) {
    unsigned CMissingIndex = 0, CMissingCount = 0;
    llvm::opt::InputArgList CArgsList = Table.ParseArgs(
        Cc1, CMissingIndex, CMissingCount,
        llvm::opt::Visibility(clang::driver::options::CC1Option));
    std::vector<const llvm::opt::Arg *> CParsed = sortedArgs(CArgsList);
    auto CRanges = argRanges(CParsed, Cc1.size(), CMissingIndex, CMissingCount);
    for (size_t K = 0; K < CParsed.size(); ++K)
      if (loadsCode(*CParsed[K]))
        for (unsigned J = CRanges[K].first; J < CRanges[K].second; ++J)
          DropForwarded[Forwarded[J]] = true;
  }

  for (size_t K = 0; K < Parsed.size(); ++K) {
    const llvm::opt::Arg *A = Parsed[K];
    auto [Begin, End] = Ranges[K];
    llvm::opt::Option O = A->getOption();
    bool Unknown = O.getKind() == llvm::opt::Option::UnknownClass;
    bool Input = O.getKind() == llvm::opt::Option::InputClass;
    bool Missing = MissingCount && MissingIndex >= Begin && MissingIndex < End;
    if (Input && isTheSourceFile(A->getValue(), File, Directory))
      continue; // kmapcheck names it itself
    if (Unknown || Input || Missing || DropForwarded[K] || loadsCode(*A) ||
        forwardsDriverArgs(O)) {
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
