//===- DeprecatedApiFix.cpp -----------------------------------------------===//
#include "checks/DeprecatedApiFix.h"

#include "clang/AST/ParentMapContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

namespace kmapcheck {
using namespace clang;

namespace {

/// \p Lines, one statement a line, each on a line of its own indented by
/// \p Indent: before the text that follows (Leading == false) or after the
/// text before.
std::string indented(llvm::StringRef Lines, llvm::StringRef Indent,
                     bool Leading) {
  std::string Out;
  llvm::SmallVector<llvm::StringRef, 2> Parts;
  Lines.split(Parts, '\n');
  for (llvm::StringRef P : Parts) {
    if (Leading)
      Out += "\n" + Indent.str() + P.str();
    else
      Out += P.str() + "\n" + Indent.str();
  }
  return Out;
}

/// The renames of a unit: its maps to kmap_local_page(), its unmaps to
/// kunmap_local().
void addRenames(FunctionUnits &FU, ConversionUnit &U) {
  TUContext &Ctx = FU.Ctx;
  for (MapSite *M : U.Maps)
    U.Fixes.push_back(Ctx.replacement(
        CharSourceRange::getCharRange(
            M->C.NameLoc, M->C.NameLoc.getLocWithOffset(M->C.Spelled.size())),
        M->C.Entry->DeprecatedBy));
  std::string VarName = U.Var->getNameAsString();
  for (UnmapSite *Un : U.Unmaps) {
    if (U.Kind == MapKind::Global)
      U.Fixes.push_back(Ctx.replacement(
          Un->C.UseRange, Un->C.Entry->DeprecatedBy + "(" + VarName + ")"));
    else
      U.Fixes.push_back(Ctx.replacement(
          CharSourceRange::getCharRange(
              Un->C.NameLoc,
              Un->C.NameLoc.getLocWithOffset(Un->C.Spelled.size())),
          Un->C.Entry->DeprecatedBy));
  }
}

/// Where the disables go after the map statement \p S: after the run of
/// declarations that starts with it, or after it.
const Stmt *lastOfDeclarationRun(FunctionUnits &FU, const Stmt *S) {
  const auto *Parent =
      parentOf(FU.Ctx.ast(), DynTypedNode::create(*S)).get<CompoundStmt>();
  if (!isa<DeclStmt>(S) || !Parent)
    return S;
  // Keep declarations before statements (-Wdeclaration-after-statement).
  bool After = false;
  for (const Stmt *Sib : Parent->body()) {
    if (Sib == S) {
      After = true;
      continue;
    }
    if (!After)
      continue;
    if (!isa<DeclStmt>(Sib))
      break;
    S = Sib;
  }
  return S;
}

/// Splits the declarations of the run from \p MapStmt to \p Last that begin
/// with the one whose initializer holds the offset \p Need: each 'T v = E;'
/// there keeps 'T v;', and the returned text ("\n<indent>v = E;" each)
/// goes after the disables. Sets \p Why when it cannot be done safely.
std::optional<std::string>
splitDeclarations(FunctionUnits &FU, const Stmt *MapStmt, const Stmt *Last,
                  unsigned Need, llvm::StringRef Indent,
                  std::vector<Replacement> &Removals, std::string &Why) {
  TUContext &Ctx = FU.Ctx;
  ASTContext &AST = Ctx.ast();
  SourceManager &SM = Ctx.sm();
  const LangOptions &LO = Ctx.langOpts();
  const auto *Parent =
      parentOf(AST, DynTypedNode::create(*MapStmt)).get<CompoundStmt>();
  if (!Parent || FU.offsetOf(statementRange(AST, MapStmt).getEnd()) > Need) {
    Why = "the section relies on it in the declaration that maps";
    return std::nullopt;
  }
  std::string Assignments;
  bool InRun = false, Splitting = false;
  for (const Stmt *Sib : Parent->body()) {
    if (Sib == MapStmt) {
      InRun = true;
      continue;
    }
    if (!InRun)
      continue;
    const auto *DS = cast<DeclStmt>(Sib);
    CharSourceRange R = statementRange(AST, DS);
    if (R.isInvalid()) {
      Why = "the declarations after it are written inside a macro";
      return std::nullopt;
    }
    Splitting |= FU.offsetOf(R.getEnd()) > Need;
    if (Splitting)
      for (const Decl *D : DS->decls()) {
        const auto *VD = dyn_cast<VarDecl>(D);
        if (!VD || !VD->hasLocalStorage() || !VD->getInit())
          continue; // a static's initializer is not run here
        std::string Name = "'" + VD->getNameAsString() + "'";
        auto Fail = [&](const std::string &Reason) {
          Why = "the section relies on it in the declaration of " + Name +
                ", which cannot be split into a declaration and an "
                "assignment: " +
                Reason;
          return std::nullopt;
        };
        if (!DS->isSingleDecl())
          return Fail("it declares several variables");
        QualType T = VD->getType();
        if (T.isConstQualified())
          return Fail(Name + " is const");
        if (T->isArrayType())
          return Fail(Name + " is an array");
        if (T->getContainedAutoType())
          return Fail("its type is deduced from the initializer");
        const Expr *Init = VD->getInit();
        if (isa<InitListExpr>(Init->IgnoreImplicit()))
          return Fail("its initializer is a list");
        CharSourceRange IR = Lexer::makeFileCharRange(
            CharSourceRange::getTokenRange(Init->getSourceRange()), SM, LO);
        SourceLocation NameEnd =
            Lexer::getLocForEndOfToken(VD->getLocation(), 0, SM, LO);
        if (IR.isInvalid() || !VD->getLocation().isFileID() ||
            NameEnd.isInvalid() ||
            SM.getFileID(NameEnd) != SM.getFileID(IR.getBegin()))
          return Fail("it is written inside a macro");
        // Only 'v = E' is rewritten: nothing else between the name and
        // the initializer.
        unsigned NameOff = SM.getFileOffset(NameEnd);
        unsigned InitOff = SM.getFileOffset(IR.getBegin());
        unsigned InitEnd = SM.getFileOffset(IR.getEnd());
        llvm::StringRef Buf = SM.getBufferData(SM.getFileID(NameEnd));
        if (InitOff < NameOff || Buf.slice(NameOff, InitOff).trim() != "=")
          return Fail("there is more than '=' between " + Name +
                      " and its initializer");
        // A map or unmap in the initializer would be renamed and moved at
        // once.
        auto Inside = [&](const ApiCall &C) {
          return C.File == FU.BodyFile && C.Offset >= InitOff &&
                 C.Offset < InitEnd;
        };
        for (auto &M : FU.Maps)
          if (Inside(M->C))
            return Fail("its initializer maps a page");
        for (auto &Un : FU.Unmaps)
          if (Inside(Un->C))
            return Fail("its initializer unmaps a page");
        Removals.push_back(Ctx.replacement(
            CharSourceRange::getCharRange(NameEnd, IR.getEnd()), ""));
        Assignments += "\n" + Indent.str() + VD->getNameAsString() + " = " +
                       Buf.slice(InitOff, InitEnd).str() + ";";
      }
    if (Sib == Last)
      break;
  }
  return Assignments;
}

/// The disables after each map and the enables before each unmap of an
/// atomic unit whose section relies on them.
void addKeepDisabled(FunctionUnits &FU, ConversionUnit &U) {
  TUContext &Ctx = FU.Ctx;
  ASTContext &AST = Ctx.ast();
  SourceManager &SM = Ctx.sm();
  const Reliance &Needs = U.Needs;
  std::string Disable, Enable;
  if (Needs.Preempt.Found)
    Disable += "preempt_disable();";
  if (Needs.Pagefault.Found)
    Disable +=
        std::string(Disable.empty() ? "" : "\n") + "pagefault_disable();";
  if (Needs.Pagefault.Found)
    Enable += "pagefault_enable();";
  if (Needs.Preempt.Found)
    Enable += std::string(Enable.empty() ? "" : "\n") + "preempt_enable();";
  std::string Disabling =
      Needs.Pagefault.Found ? "pagefault_disable()" : "preempt_disable()";
  std::string Enabling =
      Needs.Pagefault.Found ? "pagefault_enable()" : "preempt_enable()";
  std::vector<Replacement> Edits;
  unsigned FirstNeed =
      std::min(Needs.Pagefault.Found ? Needs.Pagefault.Offset : ~0u,
               Needs.Preempt.Found ? Needs.Preempt.Offset : ~0u);
  for (MapSite *M : U.Maps) {
    std::string Cannot =
        "cannot insert " + Disabling + " after " + apiName(M->C) + ": ";
    const Stmt *MapStmt = userStatementOf(AST, M->C.Call);
    if (!MapStmt) {
      U.fail(Cannot + "the call is not a statement of its own", M->C.NameLoc);
      return;
    }
    if (statementRange(AST, MapStmt).isInvalid()) {
      U.fail(Cannot + "its statement is written inside a macro", M->C.NameLoc);
      return;
    }
    const Stmt *S = lastOfDeclarationRun(FU, MapStmt);
    SourceLocation At = statementRange(AST, S).getEnd();
    if (At.isInvalid()) {
      U.fail(Cannot + "the declarations after it are written inside a macro",
             M->C.NameLoc);
      return;
    }
    std::string Indent = lineIndent(SM, S->getBeginLoc());
    std::string Moved;
    if (FU.offsetOf(At) > FirstNeed) {
      // The section relies on it before the first place a statement can go.
      if (!isa<DeclStmt>(MapStmt)) {
        U.fail(Cannot + "the section relies on it in the statement that maps",
               M->C.NameLoc);
        return;
      }
      std::string Why;
      auto Split =
          splitDeclarations(FU, MapStmt, S, FirstNeed, Indent, Edits, Why);
      if (!Split) {
        U.fail(Cannot + Why, M->C.NameLoc);
        return;
      }
      Moved = *Split;
    }
    Edits.push_back(Ctx.insertion(At, indented(Disable, Indent, true) + Moved));
  }
  for (UnmapSite *Un : U.Unmaps) {
    const Stmt *S = userStatementOf(AST, Un->C.Call);
    if (!S) {
      U.fail("cannot insert " + Enabling + " before " + apiName(Un->C) +
                 " at line " + FU.lineOf(Un->C.NameLoc) +
                 ": the call is not a statement of its own",
             Un->C.NameLoc);
      return;
    }
    SourceLocation At = SM.getExpansionLoc(S->getBeginLoc());
    Edits.push_back(
        Ctx.insertion(At, indented(Enable, lineIndent(SM, At), false)));
  }
  // An insertion where a rename starts becomes part of that rename, so the
  // fix has no two edits at one offset (their order would be open).
  for (Replacement &Ins : Edits) {
    bool Merged = false;
    for (Replacement &R : U.Fixes)
      if (R.File == Ins.File && R.Offset == Ins.Offset && !Ins.Length) {
        R.Text = Ins.Text + R.Text;
        Merged = true;
        break;
      }
    if (!Merged)
      U.Fixes.push_back(Ins);
  }
}

} // namespace

void buildFixes(FunctionUnits &FU, RelianceAnalysis &Reliance) {
  for (auto &UP : FU.Units) {
    ConversionUnit &U = *UP;
    if (U.Kind == MapKind::Local || !U.NoFix.empty())
      continue;
    addRenames(FU, U);
    if (U.Kind != MapKind::Atomic)
      continue;
    U.Needs = Reliance.section(FU.Body, FU.BodyFile, U.Begin, U.End);
    if (!U.Needs.any())
      continue;
    addKeepDisabled(FU, U);
    if (!U.NoFix.empty())
      U.Fixes.clear();
  }
}

std::vector<FindingNote> fixNotes(TUContext &Ctx, const ConversionUnit &U,
                                  const MapSite &M) {
  std::vector<FindingNote> Notes;
  auto Note = [&](SourceLocation L, std::string Msg) {
    Notes.push_back({Ctx.pos(L), std::move(Msg)});
  };
  for (UnmapSite *Un : U.Unmaps)
    Note(Un->C.NameLoc, "the fix-it converts the matching " + apiName(Un->C) +
                            " here to '" + Un->C.Entry->DeprecatedBy + "'");
  if (U.Kind != MapKind::Atomic)
    return Notes;
  if (U.Needs.Preempt.Found)
    Note(U.Needs.Preempt.Loc,
         U.Needs.Preempt.Why + " relies on preemption being disabled, which " +
             apiName(M.C) +
             " implied; the fix-it keeps it disabled with "
             "preempt_disable()/preempt_enable()");
  if (U.Needs.Pagefault.Found)
    Note(U.Needs.Pagefault.Loc,
         U.Needs.Pagefault.Why +
             " relies on page faults being disabled, which " + apiName(M.C) +
             " implied; the fix-it keeps them disabled with "
             "pagefault_disable()/pagefault_enable()");
  if (!U.Needs.any())
    Note(M.C.NameLoc, "the section relies neither on page faults nor on "
                      "preemption being disabled; the fix-it inserts no "
                      "pagefault_disable() or preempt_disable()");
  return Notes;
}

} // namespace kmapcheck
