//===- BodySkipping.cpp ---------------------------------------------------===//
#include "tool/BodySkipping.h"
#include "core/TUContext.h"

#include "clang/AST/Decl.h"
#include "clang/Basic/IdentifierTable.h"
#include "clang/Basic/LangOptions.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <algorithm>

namespace kmapcheck {
using namespace clang;

//===----------------------------------------------------------------------===//
// HeaderIndex
//===----------------------------------------------------------------------===//

unsigned HeaderIndex::intern(llvm::StringRef Name) {
  auto [It, New] = Interned.try_emplace(Name, Names.size());
  if (New) {
    Names.push_back(Name.str());
    Edges.emplace_back();
    MacroDefs.emplace_back();
  }
  return It->second;
}

const std::vector<const std::vector<unsigned> *> &
HeaderIndex::edges(unsigned Id) const {
  return Edges[Id];
}

/// Identifiers followed by '(' that are not a declaration's name.
static bool notAName(llvm::StringRef S) {
  static const llvm::StringSet<> Stop{
      "__attribute__",  "__attribute",    "__typeof__", "__typeof",
      "typeof",         "sizeof",         "_Alignas",   "__aligned",
      "__section",      "__acquires",     "__releases", "__must_hold",
      "__printf",       "__scanf",        "asm",        "__asm__",
      "__asm",          "_Static_assert", "alignof",    "__alignof__",
      "__cond_acquires"};
  return Stop.count(S);
}

static void sortUnique(std::vector<unsigned> &V) {
  llvm::sort(V);
  V.erase(std::unique(V.begin(), V.end()), V.end());
}

namespace {
/// Raw-lexes one file: its top-level function bodies (by the names before
/// them), its macro definitions and every identifier in it. #if branches
/// are all read (the facts are a superset of any configuration's), so a
/// body's extent is a guess where braces differ between branches; the
/// verification after the parse catches a wrong guess.
class FileScanner {
public:
  FileScanner(HeaderIndex &Index, llvm::StringRef Text,
              HeaderIndex::FileFacts &Out)
      : Index(Index), Text(Text), Out(Out) {
    LO.C11 = true;
    LO.GNUMode = true;
    LO.LineComment = true;
  }

  void run() {
    Lexer L(SourceLocation(), LO, Text.begin(), Text.begin(), Text.end());
    L.SetCommentRetentionState(false);
    Token T;
    bool Have = false;
    bool First = true;
    while (true) {
      if (!Have)
        L.LexFromRawLexer(T);
      Have = false;
      if (T.is(tok::eof))
        break;
      bool LineStart = T.isAtStartOfLine() || First;
      First = false;
      if (T.is(tok::hash) && LineStart) {
        Have = directive(L, T);
        // What follows a directive outside any declaration starts one:
        // TRACE_EVENT(tlb_flush, ...) after the lone TLB_FLUSH_REASON and
        // its #undef and #define lines in trace/events/tlb.h.
        if (!Cur && Parens == 0 && AggDepth == 0)
          AtDeclStart = true;
        continue;
      }
      token(T);
    }
    if (Cur)
      finishBody();
    sortUnique(Out.AllIds);
    sortUnique(Out.Roots);
  }

private:
  unsigned id(const Token &T) {
    unsigned I = Index.intern(T.getRawIdentifier());
    Out.AllIds.push_back(I);
    return I;
  }

  /// Reads a directive; leaves in \p T the first token after it. Returns
  /// whether \p T holds a token not processed yet.
  bool directive(Lexer &L, Token &T) {
    L.LexFromRawLexer(T);
    if (T.is(tok::eof) || T.isAtStartOfLine())
      return true;
    llvm::StringRef Kind =
        T.is(tok::raw_identifier) ? T.getRawIdentifier() : "";
    if (Kind == "define") {
      L.LexFromRawLexer(T);
      if (T.is(tok::eof) || T.isAtStartOfLine() || !T.is(tok::raw_identifier))
        return !T.is(tok::eof) && T.isAtStartOfLine();
      unsigned Name = id(T);
      std::vector<unsigned> Ids;
      // The parameters of a function-like macro ('(' right after the
      // name), and the pastes of its replacement list: an identifier glued
      // by ## to a parameter makes a name from the argument
      // (bitop(op, ...) pastes const##op: const___set_bit).
      llvm::SmallVector<llvm::StringRef, 4> Params;
      bool InParams = false, FirstAfterName = true, Pasting = false;
      llvm::StringRef Left; // the identifier before the last token, if any
      while (true) {
        L.LexFromRawLexer(T);
        if (T.is(tok::eof) || T.isAtStartOfLine())
          break;
        if (FirstAfterName && T.is(tok::l_paren) && !T.hasLeadingSpace())
          InParams = true;
        FirstAfterName = false;
        if (InParams) {
          if (T.is(tok::raw_identifier))
            Params.push_back(T.getRawIdentifier());
          else if (T.is(tok::r_paren))
            InParams = false;
        }
        if (T.is(tok::hashhash)) {
          Pasting = !Left.empty();
          continue;
        }
        llvm::StringRef Right =
            T.is(tok::raw_identifier) ? T.getRawIdentifier() : "";
        if (Pasting && !Right.empty())
          paste(Name, Left, Right, Params, Ids);
        Pasting = false;
        Left = Right;
        if (T.is(tok::raw_identifier)) {
          unsigned I = id(T);
          Ids.push_back(I);
          if (Cur)
            Cur->Ids.push_back(I);
        }
      }
      sortUnique(Ids);
      Out.Macros.emplace_back(Name, std::move(Ids));
      return !T.is(tok::eof);
    }
    if (Kind == "include") {
      L.LexFromRawLexer(T);
      if (T.is(tok::string_literal) && !T.isAtStartOfLine()) {
        llvm::StringRef S(T.getLiteralData(), T.getLength());
        if (S.size() >= 2)
          Out.QuotedIncludes.push_back(S.drop_front().drop_back().str());
      }
      if (T.is(tok::eof) || T.isAtStartOfLine())
        return !T.is(tok::eof);
    }
    // Any other directive: its identifiers count, its braces do not.
    while (true) {
      if (T.is(tok::raw_identifier)) {
        unsigned I = id(T);
        if (Cur)
          Cur->Ids.push_back(I);
      }
      L.LexFromRawLexer(T);
      if (T.is(tok::eof) || T.isAtStartOfLine())
        break;
    }
    return !T.is(tok::eof);
  }

  /// \p Left ## \p Right in the definition of macro \p Macro.
  void paste(unsigned Macro, llvm::StringRef Left, llvm::StringRef Right,
             llvm::ArrayRef<llvm::StringRef> Params,
             std::vector<unsigned> &Ids) {
    bool LeftParam = llvm::is_contained(Params, Left);
    bool RightParam = llvm::is_contained(Params, Right);
    if (!LeftParam && !RightParam) {
      // Two fixed parts: the name is fixed too.
      Ids.push_back(Index.intern((Left + Right).str()));
    } else if (!LeftParam) {
      Out.Pastes.push_back({Macro, Index.intern(Left), /*Prefix=*/true});
    } else if (!RightParam) {
      Out.Pastes.push_back({Macro, Index.intern(Right), /*Prefix=*/false});
    }
    // Two parameters: the name is the arguments' alone; a reference to
    // a skipped body made that way is caught after the parse.
  }

  void token(const Token &T) {
    if (Cur) {
      if (T.is(tok::raw_identifier))
        Cur->Ids.push_back(id(T));
      else if (T.is(tok::l_brace))
        ++BodyDepth;
      else if (T.is(tok::r_brace) && --BodyDepth == 0)
        finishBody();
      Prev = T.getKind();
      return;
    }
    bool DeclStart = AtDeclStart;
    AtDeclStart = false;
    bool WasMaybe = MaybeInvocation;
    MaybeInvocation = false;
    switch (T.getKind()) {
    case tok::raw_identifier: {
      unsigned I = id(T);
      if (Invoking)
        Out.Roots.push_back(I);
      // Maybe a macro invocation at the start of a declaration.
      MaybeInvocation = DeclStart && Parens == 0 && AggDepth == 0;
      PrevId = I;
      PrevOffset = unsigned(T.getRawIdentifier().data() - Text.data());
      PrevName = T.getRawIdentifier();
      break;
    }
    case tok::l_paren:
      if (Prev == tok::raw_identifier && Parens == 0 && AggDepth == 0 &&
          !notAName(PrevName)) {
        Names.push_back(PrevId);
        Offsets.push_back(PrevOffset);
      }
      if (WasMaybe) {
        Out.Roots.push_back(PrevId);
        Invoking = true;
      }
      ++Parens;
      break;
    case tok::r_paren:
      if (Parens)
        --Parens;
      if (Parens == 0 && Invoking) {
        // NAME(...) at the start of a declaration: what follows may start
        // another one (PAGEFLAG(...) PAGEFLAG(...) has no ';').
        AtDeclStart = true;
        Invoking = false;
      }
      break;
    case tok::equal:
      if (Parens == 0)
        Equals = true;
      break;
    case tok::semi:
      if (Parens == 0 && AggDepth == 0)
        reset();
      break;
    case tok::l_brace:
      if (Parens == 0 && AggDepth == 0 && !Equals && !Names.empty() &&
          (Prev == tok::r_paren || Prev == tok::raw_identifier)) {
        Out.Bodies.emplace_back();
        Cur = &Out.Bodies.back();
        Cur->Names = std::move(Names);
        Cur->Offsets = std::move(Offsets);
        BodyDepth = 1;
        Names.clear();
        Offsets.clear();
      } else {
        ++AggDepth;
      }
      break;
    case tok::r_brace:
      if (AggDepth)
        --AggDepth;
      break;
    default:
      break;
    }
    if (T.is(tok::semi) || T.is(tok::r_brace))
      AtDeclStart = Parens == 0 && AggDepth == 0;
    Prev = T.getKind();
  }

  void finishBody() {
    sortUnique(Cur->Ids);
    Cur = nullptr;
    reset();
    AtDeclStart = true;
  }
  void reset() {
    Names.clear();
    Offsets.clear();
    Equals = false;
    Parens = 0;
    Invoking = false;
  }

  HeaderIndex &Index;
  llvm::StringRef Text;
  HeaderIndex::FileFacts &Out;
  LangOptions LO;
  HeaderIndex::Body *Cur = nullptr;
  unsigned BodyDepth = 0, AggDepth = 0, Parens = 0;
  bool Equals = false;
  tok::TokenKind Prev = tok::unknown;
  bool AtDeclStart = true, MaybeInvocation = false, Invoking = false;
  unsigned PrevId = 0, PrevOffset = 0;
  llvm::StringRef PrevName;
  std::vector<unsigned> Names, Offsets;
};
} // namespace

const HeaderIndex::FileFacts &HeaderIndex::file(const std::string &Path,
                                                llvm::StringRef Buffer) {
  auto [It, New] = Files.try_emplace(Path);
  if (!New)
    return *It->second;
  It->second = std::make_unique<FileFacts>();
  FileFacts &F = *It->second;
  std::unique_ptr<llvm::MemoryBuffer> Owned;
  if (Buffer.data() == nullptr) {
    auto B = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/true);
    if (!B)
      return F;
    Owned = std::move(*B);
    Buffer = Owned->getBuffer();
  }
  F.Readable = true;
  FileScanner(*this, Buffer, F).run();
  // Bodies never move again: the edges point into them.
  for (unsigned K = 0; K < F.Bodies.size(); ++K) {
    const Body &B = F.Bodies[K];
    for (unsigned N : B.Names)
      Edges[N].push_back(&B.Ids);
    for (unsigned O : B.Offsets)
      F.BodyAt[O] = K;
  }
  for (const auto &[Name, Ids] : F.Macros) {
    Edges[Name].push_back(&Ids);
    MacroDefs[Name].push_back(&Ids);
  }
  for (const Paste &P : F.Pastes)
    PastesOf[P.Macro].push_back(P);
  return F;
}

bool HeaderIndex::relevantName(const RuleSet &Rules, llvm::StringRef Name) {
  if (Rules.Api.isModeled(Name) || Rules.Api.lookupName(Name))
    return true;
  for (const LockDecl &L : Rules.Locks) {
    if (L.Name == Name || llvm::is_contained(L.GuardedVariables, Name) ||
        llvm::is_contained(L.GuardedFields, Name))
      return true;
    for (const auto &[Read, Write] : L.Accessors)
      if (Read == Name || Write == Name)
        return true;
  }
  return false;
}

bool HeaderIndex::relevant(const RuleSet &Rules, unsigned Id) {
  std::vector<signed char> &Memo = Relevance[&Rules];
  if (Memo.size() < Names.size())
    Memo.resize(Names.size(), -1);
  if (Memo[Id] >= 0)
    return Memo[Id] == 1;
  Memo[Id] = 0; // a macro that names itself does not make itself relevant
  bool R = relevantName(Rules, Names[Id]);
  // A macro whose definition names something relevant. Copied: the
  // recursion may add names (and reallocate Memo).
  std::vector<const std::vector<unsigned> *> Defs = MacroDefs[Id];
  for (size_t K = 0; !R && K < Defs.size(); ++K)
    for (unsigned X : *Defs[K])
      if (relevant(Rules, X)) {
        R = true;
        break;
      }
  Relevance[&Rules][Id] = R;
  return R;
}

bool HeaderIndex::relevant(const RuleSet &Rules, const Body &B) {
  if (B.RelevantFor == &Rules && B.Relevant >= 0)
    return B.Relevant;
  bool R = false;
  for (unsigned X : B.Ids)
    if ((R = relevant(Rules, X)))
      break;
  B.RelevantFor = &Rules;
  B.Relevant = R;
  return R;
}

std::vector<std::string>
kbuildDependencies(const std::vector<std::string> &Argv,
                   const std::string &Directory) {
  std::vector<std::string> Out;
  for (llvm::StringRef A : Argv) {
    if (!A.consume_front("-Wp,-MMD,") && !A.consume_front("-Wp,-MD,"))
      continue;
    if (!A.ends_with(".d"))
      return Out;
    llvm::SmallString<256> Cmd(Directory);
    llvm::sys::path::append(Cmd, A.drop_back(2) + ".cmd");
    auto Buf = llvm::MemoryBuffer::getFile(Cmd);
    if (!Buf)
      return Out;
    // deps_<obj> := \ then one file a line, up to a blank line.
    llvm::StringRef Text = (*Buf)->getBuffer();
    size_t At = Text.find("\ndeps_");
    if (At == llvm::StringRef::npos)
      return Out;
    Text = Text.drop_front(At + 1);
    llvm::SmallVector<llvm::StringRef, 0> Lines;
    Text.split(Lines, '\n');
    for (size_t K = 1; K < Lines.size(); ++K) {
      llvm::StringRef L = Lines[K].trim();
      if (L.empty())
        break;
      L.consume_back("\\");
      L = L.trim();
      if (L.empty() || L.starts_with("$(") || L.contains(' '))
        continue;
      llvm::SmallString<256> P(L);
      if (!llvm::sys::path::is_absolute(P)) {
        P = Directory;
        llvm::sys::path::append(P, L);
      }
      llvm::sys::path::remove_dots(P, true);
      Out.push_back(std::string(P));
    }
    return Out;
  }
  return Out;
}

//===----------------------------------------------------------------------===//
// BodySkipper
//===----------------------------------------------------------------------===//

namespace {
class SkipCallbacks : public PPCallbacks {
public:
  explicit SkipCallbacks(BodySkipper &S) : S(S) {}
  void MacroExpands(const Token &Name, const MacroDefinition &, SourceRange,
                    const MacroArgs *) override {
    S.onMacroInSkippedBody(Name.getIdentifierInfo());
  }
  void FileChanged(SourceLocation Loc, FileChangeReason Reason,
                   SrcMgr::CharacteristicKind, FileID) override {
    if (Reason == EnterFile)
      S.onEnterFile(Loc);
  }

private:
  BodySkipper &S;
};
} // namespace

BodySkipper::BodySkipper(HeaderIndex &Index, const RuleSet &Rules,
                         CompilerInstance &CI, const std::string &MainFile,
                         const std::vector<std::string> &Headers)
    : Index(Index), Rules(Rules), CI(CI) {
  std::lock_guard<std::mutex> G(Index.Lock);
  for (const std::string &H : Headers)
    addFile(Index.file(H));
  // The seeds: every identifier of the main file and of the .c files it
  // includes.
  std::vector<std::string> Work{MainFile};
  llvm::StringSet<> Seen{MainFile};
  while (!Work.empty()) {
    std::string F = Work.back();
    Work.pop_back();
    const HeaderIndex::FileFacts &Facts = Index.file(F);
    addFile(Facts);
    for (unsigned I : Facts.AllIds)
      reach(I);
    for (const HeaderIndex::Body &B : Facts.Bodies)
      MainFns.insert(B.Names.begin(), B.Names.end());
    for (const std::string &Inc : Facts.QuotedIncludes) {
      if (!llvm::StringRef(Inc).ends_with(".c"))
        continue;
      llvm::SmallString<256> P(llvm::sys::path::parent_path(F));
      llvm::sys::path::append(P, Inc);
      llvm::sys::path::remove_dots(P, true);
      if (Seen.insert(P).second)
        Work.push_back(std::string(P));
    }
  }
  catchUp();
}

/// A header body that calls a function of the main file is parsed: the
/// engine orders the main file's functions by whether the TU calls them.
/// A macro the body uses counts with what its definition names (the check
/// after the parse sees the expanded tokens: fs/exec.c's count() named by
/// a macro's '->count').
bool BodySkipper::namesMainFunction(const HeaderIndex::Body &B) {
  for (unsigned X : B.Ids)
    if (namesMain(X))
      return true;
  return false;
}

bool BodySkipper::namesMain(unsigned Id) {
  if (MainFns.count(Id))
    return true;
  auto [It, New] = MainMemo.try_emplace(Id, false);
  if (!New)
    return It->second; // known, or being decided (a macro naming itself)
  // Copied: the recursion may add to the memo.
  std::vector<const std::vector<unsigned> *> Defs = Index.macroDefs(Id);
  for (const std::vector<unsigned> *Ids : Defs)
    for (unsigned X : *Ids)
      if (namesMain(X))
        return MainMemo[Id] = true;
  return false;
}

void BodySkipper::addFile(const HeaderIndex::FileFacts &F) {
  if (!FileSet.insert(&F).second)
    return;
  Files.push_back(&F);
  for (const auto &[Name, Ids] : F.Macros)
    Targets.push_back(Name);
  for (const HeaderIndex::Body &B : F.Bodies)
    Targets.insert(Targets.end(), B.Names.begin(), B.Names.end());
}

/// The bodies that name something the rules know or a function of the main
/// file are kept, and so is what they reach: every body of this TU's files
/// added since the last call is a root if so.
void BodySkipper::catchUp() {
  const std::vector<unsigned> &Learnt = Index.learnt();
  for (; LearntSeen < Learnt.size(); ++LearntSeen)
    reach(Learnt[LearntSeen]);
  for (; FilesSeen < Files.size(); ++FilesSeen) {
    const HeaderIndex::FileFacts &F = *Files[FilesSeen];
    for (unsigned R : F.Roots)
      reach(R);
    for (const HeaderIndex::Body &B : F.Bodies)
      if (Index.relevant(Rules, B) || namesMainFunction(B))
        for (unsigned X : B.Ids)
          reach(X);
  }
  drain();
  // Names added since, against the pastes already reached (activate()
  // matches the ones before against a paste reached later).
  while (TargetsSeen < Targets.size()) {
    for (; TargetsSeen < Targets.size(); ++TargetsSeen)
      for (size_t K = 0; K < ActiveList.size(); ++K)
        matchPaste(Targets[TargetsSeen], ActiveList[K].first,
                   ActiveList[K].second);
    drain();
  }
}

void BodySkipper::attach() {
  Preprocessor &PP = CI.getPreprocessor();
  PP.setTokenWatcher([this](const Token &T) { onToken(T); });
  PP.addPPCallbacks(std::make_unique<SkipCallbacks>(*this));
}

void BodySkipper::reach(unsigned Id) {
  if (Reached.insert(Id).second)
    Work.push_back(Id);
}

void BodySkipper::drain() {
  while (!Work.empty()) {
    unsigned Id = Work.back();
    Work.pop_back();
    for (const std::vector<unsigned> *Ids : Index.edges(Id))
      for (unsigned X : *Ids)
        reach(X);
    for (const HeaderIndex::Paste &P : Index.pastes(Id))
      activate(P);
    auto Pending = PendingPastes.find(Id);
    if (Pending != PendingPastes.end()) {
      std::vector<unsigned> Names = std::move(Pending->second);
      PendingPastes.erase(Pending);
      for (unsigned N : Names)
        reach(N);
    }
  }
}

/// A name \p Target that is \p Fixed pasted to something: that something
/// reached reaches \p Target.
void BodySkipper::matchPaste(unsigned Target, unsigned Fixed, bool Prefix) {
  llvm::StringRef T = Index.name(Target), F = Index.name(Fixed);
  if (T.size() <= F.size() || !(Prefix ? T.starts_with(F) : T.ends_with(F)))
    return;
  // A copy: interning may move the names.
  std::string Rest =
      (Prefix ? T.drop_front(F.size()) : T.drop_back(F.size())).str();
  unsigned R = Index.intern(Rest);
  if (Reached.count(R))
    reach(Target);
  else
    PendingPastes[R].push_back(Target);
}

void BodySkipper::activate(const HeaderIndex::Paste &P) {
  if (!ActivePastes.insert({P.Fixed, unsigned(P.Prefix)}).second)
    return;
  ActiveList.push_back({P.Fixed, P.Prefix});
  for (size_t K = 0; K < TargetsSeen; ++K)
    matchPaste(Targets[K], P.Fixed, P.Prefix);
}

const HeaderIndex::FileFacts *BodySkipper::factsOf(FileID FID) {
  auto It = FactsByFile.find(FID);
  if (It != FactsByFile.end())
    return It->second;
  SourceManager &SM = CI.getSourceManager();
  const HeaderIndex::FileFacts *F = nullptr;
  if (OptionalFileEntryRef FE = SM.getFileEntryRefForID(FID)) {
    std::string Key(FE->getFileEntry().tryGetRealPathName());
    if (Key.empty())
      Key = std::string(FE->getName());
    std::optional<llvm::MemoryBufferRef> Buf = SM.getBufferOrNone(FID);
    if (Buf) {
      // Edges the new file adds from names already reached.
      F = &Index.file(Key, Buf->getBuffer());
      addFile(*F);
      for (const HeaderIndex::Body &B : F->Bodies)
        for (unsigned N : B.Names)
          if (Reached.count(N))
            for (unsigned X : B.Ids)
              reach(X);
      for (const auto &[Name, Ids] : F->Macros)
        if (Reached.count(Name))
          for (unsigned X : Ids)
            reach(X);
      for (const HeaderIndex::Paste &P : F->Pastes)
        if (Reached.count(P.Macro))
          activate(P);
      catchUp();
    }
  }
  FactsByFile[FID] = F;
  return F;
}

void BodySkipper::onEnterFile(SourceLocation Loc) {
  SourceManager &SM = CI.getSourceManager();
  FileID FID = SM.getFileID(SM.getExpansionLoc(Loc));
  if (FID.isInvalid())
    return;
  std::lock_guard<std::mutex> G(Index.Lock);
  factsOf(FID);
}

/// Whether the macro name at \p Loc is \p Name and expands to exactly
/// \p Name: the token written at the expansion is the declaration's name.
static bool isSelfNamed(const SourceManager &SM, SourceLocation Loc,
                        llvm::StringRef Name) {
  CharSourceRange Range = SM.getImmediateExpansionRange(Loc);
  if (!Loc.isMacroID() || SM.getImmediateMacroCallerLoc(Loc).isMacroID() ||
      Range.getBegin() != Range.getEnd())
    return false;
  bool Invalid = false;
  const char *At = SM.getCharacterData(Range.getBegin(), &Invalid);
  if (Invalid || !llvm::StringRef(At).starts_with(Name))
    return false;
  char Next = At[Name.size()];
  return !(isalnum(static_cast<unsigned char>(Next)) || Next == '_' ||
           Next == '$');
}

bool BodySkipper::shouldSkip(Decl *D) {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(D);
  if (!FD || LastKind != tok::l_brace)
    return false;
  SourceManager &SM = CI.getSourceManager();
  SourceLocation Loc = FD->getLocation();
  if (isUserCode(SM, Loc))
    return false;
  ++Stats.Kept; // until decided otherwise
  if (Loc.isMacroID()) {
    // A name that is a macro expanding to itself (#define pud_access_permitted
    // pud_access_permitted, the kernel's "the arch has its own" marker) is
    // the name written there: the raw body after it is this body. A
    // function a macro defines (PAGEFLAG(...)) is parsed.
    if (!FD->getIdentifier() || !isSelfNamed(SM, Loc, FD->getName()))
      return false;
    Loc = SM.getExpansionLoc(Loc);
  }
  if (FD->isReferenced())
    return false;
  auto [FID, Off] = SM.getDecomposedLoc(Loc);
  std::lock_guard<std::mutex> G(Index.Lock);
  const HeaderIndex::FileFacts *F = factsOf(FID);
  if (!F)
    return false;
  auto It = F->BodyAt.find(Off);
  if (It == F->BodyAt.end())
    return false;
  const HeaderIndex::Body &B = F->Bodies[It->second];
  for (unsigned N : B.Names)
    if (Reached.count(N))
      return false;
  if (Index.relevant(Rules, B) || namesMainFunction(B))
    return false;
  --Stats.Kept;
  ++Stats.Skipped;
  SkippedFns.push_back(FD);
  InSkip = true;
  Depth = 1;
  return true;
}

void BodySkipper::sawTopLevel(Decl *D) {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(D);
  if (FD && FD->getIdentifier() && FD->doesThisDeclarationHaveABody() &&
      isUserCode(CI.getSourceManager(), FD->getLocation()))
    UserFns.push_back(FD);
}

void BodySkipper::onToken(const Token &T) {
  if (!InSkip) {
    LastKind = T.getKind();
    return;
  }
  switch (T.getKind()) {
  case tok::l_brace:
    ++Depth;
    break;
  case tok::r_brace:
    if (--Depth == 0)
      InSkip = false;
    break;
  case tok::eof:
    Broken = "a skipped body reached the end of the TU";
    InSkip = false;
    break;
  default:
    if (const IdentifierInfo *II = T.getIdentifierInfo())
      SkippedIds.insert(II);
  }
  LastKind = T.getKind();
}

void BodySkipper::onMacroInSkippedBody(const IdentifierInfo *II) {
  if (InSkip && II)
    SkippedIds.insert(II);
}

std::string BodySkipper::verify() {
  if (!Broken.empty())
    return Broken;
  if (InSkip)
    return "a skipped body did not end";
  std::lock_guard<std::mutex> G(Index.Lock);
  std::string Why;
  for (const FunctionDecl *FD : SkippedFns)
    if (FD->isReferenced() && FD->getIdentifier()) {
      if (Why.empty())
        Why = "the skipped body of '" + FD->getName().str() + "' is referenced";
      Index.learn(FD->getName());
    }
  if (!Why.empty())
    return Why;
  for (const IdentifierInfo *II : SkippedIds)
    if (Index.relevantName(Rules, II->getName()))
      return "a skipped body names '" + II->getName().str() + "'";
  for (const FunctionDecl *FD : UserFns)
    if (SkippedIds.count(FD->getIdentifier()))
      return "a skipped body names '" + FD->getName().str() +
             "' of the main file";
  return "";
}

} // namespace kmapcheck
