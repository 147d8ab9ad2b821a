//===- Prefilter.cpp ------------------------------------------------------===//
#include "tool/Prefilter.h"
#include "tool/CommandSanitizer.h"

#include "clang/Basic/LangOptions.h"
#include "clang/Basic/SourceLocation.h"
#include "clang/Lex/Lexer.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

namespace kmapcheck {

Prefilter::Prefilter(const RuleSet &Rules) {
  llvm::StringSet<> DeclaredLocks;
  for (const LockDecl &L : Rules.Locks) {
    Names.insert(L.Name);
    DeclaredLocks.insert(L.Name);
  }
  for (const ApiEntry &E : Rules.Api.entries()) {
    bool Trigger = E.Map || E.Unmap || E.WaitsForIpi;
    for (Effect X : E.Effects)
      Trigger |= X == Effect::PagefaultDisable ||
                 X == Effect::PagefaultEnable || X == Effect::PreemptDisable ||
                 X == Effect::PreemptEnable;
    if (E.Lock && E.Lock->Arg < 0 && DeclaredLocks.count(E.Lock->Lock))
      Trigger = true;
    if (!Trigger)
      continue;
    std::vector<std::string> All{E.Name};
    All.insert(All.end(), E.Callees.begin(), E.Callees.end());
    for (const std::string &N : All) {
      if (llvm::StringRef(N).ends_with("*"))
        Prefixes.push_back(N.substr(0, N.size() - 1));
      else
        Names.insert(N);
    }
  }
}

Prefilter::Prefilter(const llvm::StringSet<> &Triggers) {
  for (const auto &N : Triggers)
    Names.insert(N.getKey());
}

bool Prefilter::mentions(llvm::StringRef Id) const {
  if (Names.count(Id))
    return true;
  for (const std::string &P : Prefixes)
    if (Id.starts_with(P))
      return true;
  return false;
}

const Prefilter::FileScan &Prefilter::scan(const std::string &Path) {
  auto It = Cache.find(Path);
  if (It != Cache.end())
    return It->second;
  FileScan &S = Cache[Path];
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/true);
  if (!Buf)
    return S;
  S.Readable = true;
  llvm::StringRef Text = (*Buf)->getBuffer();
  clang::LangOptions LO;
  LO.C11 = true;
  LO.GNUMode = true;
  LO.LineComment = true;
  clang::Lexer L(clang::SourceLocation(), LO, Text.begin(), Text.begin(),
                 Text.end());
  L.SetCommentRetentionState(false);
  clang::Token T;
  bool LineStart = true; // the previous token ended a line (or none yet)
  while (true) {
    L.LexFromRawLexer(T);
    if (T.is(clang::tok::eof))
      break;
    bool AtLineStart = T.isAtStartOfLine() || LineStart;
    LineStart = false;
    if (T.is(clang::tok::hash) && AtLineStart) {
      // A directive: #include "file" is followed; the rest is scanned as
      // tokens (a #define body names what its expansions call).
      clang::Token D;
      L.LexFromRawLexer(D);
      if (D.is(clang::tok::raw_identifier) &&
          D.getRawIdentifier() == "include" && !D.isAtStartOfLine()) {
        clang::Token F;
        L.LexFromRawLexer(F);
        if (F.is(clang::tok::string_literal) && !F.isAtStartOfLine()) {
          llvm::StringRef Spelled(F.getLiteralData(), F.getLength());
          if (Spelled.size() >= 2)
            S.QuotedIncludes.push_back(Spelled.drop_front().drop_back().str());
        } else if (F.is(clang::tok::raw_identifier) &&
                   mentions(F.getRawIdentifier())) {
          S.Mentions = true; // #include MACRO: judged by the name
        }
        continue;
      }
      if (D.is(clang::tok::raw_identifier) && mentions(D.getRawIdentifier()))
        S.Mentions = true;
      continue;
    }
    if (T.is(clang::tok::raw_identifier) && !S.Mentions &&
        mentions(T.getRawIdentifier()))
      S.Mentions = true;
  }
  return S;
}

bool Prefilter::relevant(const CompileCommand &Cmd) {
  // The directories a quoted include is searched in after the including
  // file's own: -iquote, then -I, as the compiler does.
  std::vector<std::string> Quote, Angled;
  auto Abs = [&](llvm::StringRef Dir) {
    llvm::SmallString<256> P(Dir);
    if (!llvm::sys::path::is_absolute(P)) {
      P = Cmd.Directory;
      llvm::sys::path::append(P, Dir);
    }
    llvm::sys::path::remove_dots(P, true);
    return std::string(P);
  };
  const std::vector<std::string> &A = Cmd.Argv;
  for (size_t I = 0; I < A.size(); ++I) {
    llvm::StringRef S = A[I];
    for (auto [Flag, Into] :
         {std::pair<llvm::StringRef, std::vector<std::string> *>{"-iquote",
                                                                 &Quote},
          {"-I", &Angled}}) {
      if (S == Flag && I + 1 < A.size()) {
        Into->push_back(Abs(A[++I]));
        break;
      }
      if (S.starts_with(Flag) && S.size() > Flag.size() &&
          !(Flag == "-I" && S.starts_with("-Iquote"))) {
        Into->push_back(Abs(S.drop_front(Flag.size())));
        break;
      }
    }
  }
  Quote.insert(Quote.end(), Angled.begin(), Angled.end());

  std::vector<std::string> Work{Cmd.File};
  llvm::StringSet<> Seen{Cmd.File};
  bool Main = true;
  while (!Work.empty()) {
    std::string F = Work.back();
    Work.pop_back();
    const FileScan &S = scan(F);
    if (Main && !S.Readable)
      return true;
    Main = false;
    if (S.Mentions)
      return true;
    llvm::StringRef Dir = llvm::sys::path::parent_path(F);
    for (const std::string &Inc : S.QuotedIncludes) {
      std::string Found;
      if (llvm::sys::path::is_absolute(Inc)) {
        Found = Inc;
      } else {
        llvm::SmallString<256> P(Dir);
        llvm::sys::path::append(P, Inc);
        if (llvm::sys::fs::exists(P))
          Found = std::string(P);
        for (size_t K = 0; Found.empty() && K < Quote.size(); ++K) {
          P = Quote[K];
          llvm::sys::path::append(P, Inc);
          if (llvm::sys::fs::exists(P))
            Found = std::string(P);
        }
      }
      if (Found.empty())
        continue;
      llvm::SmallString<256> N(Found);
      llvm::sys::path::remove_dots(N, true);
      if (Seen.insert(N).second)
        Work.push_back(std::string(N));
    }
  }
  return false;
}

} // namespace kmapcheck
