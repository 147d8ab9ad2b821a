//===- DiffFilter.cpp -----------------------------------------------------===//
#include "tool/DiffFilter.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include <map>

namespace kmapcheck {

static llvm::Error err(const llvm::Twine &Msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Msg);
}

bool LineFilter::passes(llvm::StringRef File, unsigned Line) const {
  for (const Entry &E : Entries) {
    llvm::StringRef N = E.Name;
    bool Named = File == N ||
                 (File.ends_with(N) && !N.empty() && File.size() > N.size() &&
                  N.front() != '/' && File[File.size() - N.size() - 1] == '/');
    if (!Named)
      continue;
    if (E.AllLines)
      return true;
    for (const auto &R : E.Ranges)
      if (R.first <= Line && Line <= R.second)
        return true;
  }
  return false;
}

llvm::Expected<LineFilter> parseLineFilter(llvm::StringRef Json) {
  auto V = llvm::json::parse(Json);
  if (!V)
    return err("--line-filter: invalid JSON: " + llvm::toString(V.takeError()));
  const llvm::json::Array *A = V->getAsArray();
  if (!A)
    return err("--line-filter: expected a JSON array of "
               "{\"name\": file, \"lines\": [[first, last], ...]}");
  LineFilter F;
  for (size_t I = 0; I < A->size(); ++I) {
    const llvm::json::Object *O = (*A)[I].getAsObject();
    std::string Where = "--line-filter: entry " + std::to_string(I + 1);
    if (!O)
      return err(Where + ": expected an object with \"name\" and \"lines\"");
    auto Name = O->getString("name");
    if (!Name || Name->empty())
      return err(Where + ": expected a non-empty string \"name\"");
    LineFilter::Entry E;
    E.Name = Name->str();
    const llvm::json::Value *Lines = O->get("lines");
    if (!Lines) {
      E.AllLines = true;
    } else {
      const llvm::json::Array *LA = Lines->getAsArray();
      if (!LA)
        return err(Where + ": expected \"lines\" to be [[first, last], ...]");
      for (const llvm::json::Value &R : *LA) {
        const llvm::json::Array *P = R.getAsArray();
        std::optional<int64_t> B, En;
        if (P && P->size() == 2) {
          B = (*P)[0].getAsInteger();
          En = (*P)[1].getAsInteger();
        }
        if (!B || !En || *B < 1 || *En < *B)
          return err(Where + ": expected a line range [first, last] with "
                             "1 <= first <= last");
        E.Ranges.push_back({unsigned(*B), unsigned(*En)});
      }
    }
    F.add(std::move(E));
  }
  return F;
}

/// git's quoting of unusual path names: "a\tb" with C escapes.
static std::string unquoteGitPath(llvm::StringRef P) {
  if (!P.starts_with("\"") || !P.ends_with("\"") || P.size() < 2)
    return P.str();
  P = P.drop_front().drop_back();
  std::string Out;
  for (size_t I = 0; I < P.size(); ++I) {
    char C = P[I];
    if (C != '\\' || I + 1 >= P.size()) {
      Out += C;
      continue;
    }
    char N = P[++I];
    if (N >= '0' && N <= '7' && I + 2 < P.size()) {
      Out += char((N - '0') * 64 + (P[I + 1] - '0') * 8 + (P[I + 2] - '0'));
      I += 2;
    } else {
      Out += N == 't' ? '\t' : N == 'n' ? '\n' : N;
    }
  }
  return Out;
}

llvm::Error parseUnifiedDiff(llvm::StringRef Diff, llvm::StringRef RepoRoot,
                             LineFilter &Out) {
  std::map<std::string, LineFilter::Entry> Files;
  std::string Current;
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Diff.split(Lines, '\n');
  for (llvm::StringRef L : Lines) {
    if (L.consume_front("+++ ")) {
      L = L.rtrim("\r");
      if (L == "/dev/null") {
        Current.clear();
        continue;
      }
      std::string Name = unquoteGitPath(L);
      llvm::StringRef N = Name;
      N.consume_front("b/");
      llvm::SmallString<256> P(RepoRoot);
      llvm::sys::path::append(P, N);
      Current = std::string(P);
      Files[Current].Name = Current;
      continue;
    }
    if (!L.starts_with("@@ ") || Current.empty())
      continue;
    // @@ -a[,b] +c[,d] @@
    size_t Plus = L.find(" +");
    if (Plus == llvm::StringRef::npos)
      return err("git diff: cannot read hunk header '" + L + "'");
    llvm::StringRef Range =
        L.substr(Plus + 2).take_until([](char C) { return C == ' '; });
    auto [StartS, CountS] = Range.split(',');
    unsigned Start = 0, Count = 1;
    if (StartS.getAsInteger(10, Start) ||
        (!CountS.empty() && CountS.getAsInteger(10, Count)))
      return err("git diff: cannot read hunk header '" + L + "'");
    if (Count == 0)
      continue; // lines only removed
    Files[Current].Ranges.push_back({Start, Start + Count - 1});
  }
  for (auto &KV : Files)
    Out.add(std::move(KV.second));
  return llvm::Error::success();
}

namespace {
struct GitResult {
  int Status = -1;
  std::string Out, Err;
};

GitResult runGit(llvm::StringRef Git, llvm::ArrayRef<llvm::StringRef> Args) {
  GitResult R;
  llvm::SmallString<128> OutPath, ErrPath;
  if (llvm::sys::fs::createTemporaryFile("kmapcheck-git", "out", OutPath) ||
      llvm::sys::fs::createTemporaryFile("kmapcheck-git", "err", ErrPath)) {
    R.Err = "cannot create a temporary file";
    return R;
  }
  std::vector<llvm::StringRef> Argv{Git};
  Argv.insert(Argv.end(), Args.begin(), Args.end());
  std::optional<llvm::StringRef> Redirects[] = {
      llvm::StringRef(""), llvm::StringRef(OutPath), llvm::StringRef(ErrPath)};
  std::string Msg;
  R.Status =
      llvm::sys::ExecuteAndWait(Git, Argv, std::nullopt, Redirects, 0, 0, &Msg);
  if (auto B = llvm::MemoryBuffer::getFile(OutPath))
    R.Out = (*B)->getBuffer().str();
  if (auto B = llvm::MemoryBuffer::getFile(ErrPath))
    R.Err = (*B)->getBuffer().trim().str();
  if (R.Err.empty())
    R.Err = Msg;
  llvm::sys::fs::remove(OutPath);
  llvm::sys::fs::remove(ErrPath);
  return R;
}

std::string realPath(llvm::StringRef P) {
  llvm::SmallString<256> R;
  if (llvm::sys::fs::real_path(P, R))
    return P.str();
  return std::string(R);
}
} // namespace

llvm::Expected<LineFilter>
changedLinesSince(llvm::StringRef Rev, llvm::ArrayRef<std::string> Files) {
  auto Git = llvm::sys::findProgramByName("git");
  if (!Git)
    return err("--diff-base needs git, which is not in PATH");
  // The repositories holding the files.
  llvm::StringMap<std::string> TopOfDir;
  std::vector<std::string> Tops;
  for (const std::string &F : Files) {
    std::string Dir = std::string(llvm::sys::path::parent_path(realPath(F)));
    if (Dir.empty() || TopOfDir.count(Dir))
      continue;
    GitResult R = runGit(*Git, {"-C", Dir, "rev-parse", "--show-toplevel"});
    std::string Top =
        R.Status == 0 ? realPath(llvm::StringRef(R.Out).trim()) : "";
    TopOfDir[Dir] = Top;
    if (!Top.empty() && !llvm::is_contained(Tops, Top))
      Tops.push_back(Top);
  }
  LineFilter Out;
  for (const std::string &Top : Tops) {
    GitResult D =
        runGit(*Git, {"-C", Top, "-c", "core.quotePath=false", "diff", "-U0",
                      "-M", "--no-color", "--no-ext-diff", "--src-prefix=a/",
                      "--dst-prefix=b/", Rev, "--"});
    if (D.Status != 0)
      return err("--diff-base " + Rev + ": git diff failed in " + Top + ": " +
                 D.Err);
    if (llvm::Error E = parseUnifiedDiff(D.Out, Top, Out))
      return E;
    GitResult U = runGit(*Git, {"-C", Top, "-c", "core.quotePath=false",
                                "ls-files", "--others", "--exclude-standard"});
    if (U.Status == 0) {
      llvm::SmallVector<llvm::StringRef, 8> Names;
      llvm::StringRef(U.Out).split(Names, '\n', -1, false);
      for (llvm::StringRef N : Names) {
        llvm::SmallString<256> P(Top);
        llvm::sys::path::append(P, unquoteGitPath(N));
        LineFilter::Entry E;
        E.Name = std::string(P);
        E.AllLines = true;
        Out.add(std::move(E));
      }
    }
  }
  return Out;
}

unsigned applyLineFilter(std::vector<Finding> &Findings,
                         const LineFilter &Filter, bool RealPaths) {
  size_t Before = Findings.size();
  llvm::StringMap<std::string> Real;
  llvm::erase_if(Findings, [&](const Finding &F) {
    std::string File = F.Loc.File;
    if (RealPaths) {
      auto It = Real.find(File);
      if (It == Real.end())
        It = Real.try_emplace(File, realPath(File)).first;
      File = It->second;
    }
    return !Filter.passes(File, F.Loc.Line);
  });
  return Before - Findings.size();
}

} // namespace kmapcheck
