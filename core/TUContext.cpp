//===- TUContext.cpp ------------------------------------------------------===//
#include "core/TUContext.h"
#include "core/RulesLoader.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/MacroInfo.h"
#include "clang/Lex/Token.h"
#include "llvm/Support/Path.h"

namespace kmapcheck {


void MacroUseRecorder::MacroExpands(const clang::Token &MacroNameTok,
                                    const clang::MacroDefinition &MD,
                                    clang::SourceRange Range,
                                    const clang::MacroArgs *Args) {
  const clang::IdentifierInfo *II = MacroNameTok.getIdentifierInfo();
  if (!II)
    return;
  const ApiEntry *E = Api.lookupName(II->getName());
  if (!E)
    return;
  Out.push_back({E, II->getName().str(), MacroNameTok.getLocation()});
}

bool isUserCode(const clang::SourceManager &SM, clang::SourceLocation Loc) {
  Loc = SM.getExpansionLoc(Loc);
  if (SM.isInMainFile(Loc))
    return true;
  for (clang::FileID FID = SM.getFileID(Loc); FID.isValid();) {
    if (FID == SM.getMainFileID())
      return true;
    auto FE = SM.getFileEntryRefForID(FID);
    if (!FE || !FE->getName().ends_with(".c"))
      return false;
    clang::SourceLocation Inc = SM.getIncludeLoc(FID);
    if (Inc.isInvalid())
      return false;
    FID = SM.getFileID(Inc);
  }
  return false;
}

namespace {
class IndexBuilder : public clang::RecursiveASTVisitor<IndexBuilder> {
public:
  IndexBuilder(const ApiModel &Api, TUIndex &Out) : Api(Api), Out(Out) {}
  bool shouldWalkTypesOfTypeLocs() const { return false; }

  bool TraverseFunctionDecl(clang::FunctionDecl *FD) {
    const clang::FunctionDecl *Saved = Current;
    if (FD->doesThisDeclarationHaveABody()) {
      Out.Functions.push_back(FD);
      Current = FD;
    }
    bool R = RecursiveASTVisitor::TraverseFunctionDecl(FD);
    Current = Saved;
    return R;
  }
  bool VisitCallExpr(clang::CallExpr *CE) {
    const clang::FunctionDecl *Callee = CE->getDirectCallee();
    if (!Callee)
      return true;
    Out.CalledInTU.insert(Callee->getCanonicalDecl());
    if (Callee->getIdentifier() && Api.isModeled(Callee->getName())) {
      Out.ApiCalls.push_back(CE);
      if (Current)
        Out.CallsApi[Current].push_back(CE);
    }
    return true;
  }

private:
  const ApiModel &Api;
  TUIndex &Out;
  const clang::FunctionDecl *Current = nullptr;
};
} // namespace

const TUIndex &TUContext::index() {
  if (Index)
    return *Index;
  Index = std::make_unique<TUIndex>();
  IndexBuilder(Api, *Index).TraverseDecl(AST.getTranslationUnitDecl());
  std::vector<clang::Decl *> Scope;
  clang::SourceManager &SM = sm();
  for (const clang::FunctionDecl *FD : Index->Functions)
    if (Index->CallsApi.count(FD) ||
        isUserCode(SM, FD->getLocation()))
      Scope.push_back(const_cast<clang::FunctionDecl *>(FD));
  AST.setTraversalScope(Scope);
  return *Index;
}

std::string TUContext::filePath(clang::FileID FID) {
  auto It = PathCache.find(FID);
  if (It != PathCache.end())
    return It->second;
  std::string Result;
  if (auto FE = sm().getFileEntryRefForID(FID)) {
    llvm::SmallString<256> P(FE->getName());
    if (!llvm::sys::path::is_absolute(P) && !WorkingDir.empty()) {
      llvm::SmallString<256> Abs(WorkingDir);
      llvm::sys::path::append(Abs, P);
      P = Abs;
    }
    llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
    Result = std::string(P);
  }
  PathCache[FID] = Result;
  return Result;
}

SourcePos TUContext::pos(clang::SourceLocation Loc) {
  SourcePos P;
  if (Loc.isInvalid())
    return P;
  clang::SourceManager &SM = sm();
  Loc = SM.getExpansionLoc(Loc);
  auto [FID, Off] = SM.getDecomposedLoc(Loc);
  P.File = filePath(FID);
  P.Line = SM.getLineNumber(FID, Off);
  P.Column = SM.getColumnNumber(FID, Off);
  P.Offset = Off;
  return P;
}

SourcePos TUContext::tokenEnd(clang::SourceLocation Loc) {
  if (Loc.isInvalid())
    return SourcePos();
  clang::SourceManager &SM = sm();
  Loc = SM.getExpansionLoc(Loc);
  clang::SourceLocation E =
      clang::Lexer::getLocForEndOfToken(Loc, 0, SM, langOpts());
  if (E.isInvalid() || SM.getFileID(E) != SM.getFileID(Loc))
    return pos(Loc);
  return pos(E);
}

Replacement TUContext::replacement(clang::CharSourceRange Range,
                                   llvm::StringRef Text) {
  clang::SourceManager &SM = sm();
  clang::SourceLocation B = Range.getBegin(), E = Range.getEnd();
  if (Range.isTokenRange())
    E = clang::Lexer::getLocForEndOfToken(E, 0, SM, langOpts());
  auto [FID, BOff] = SM.getDecomposedLoc(B);
  unsigned EOff = SM.getDecomposedLoc(E).second;
  Replacement R;
  R.File = filePath(FID);
  R.Offset = BOff;
  R.Length = EOff >= BOff ? EOff - BOff : 0;
  R.Text = Text.str();
  return R;
}

Replacement TUContext::insertion(clang::SourceLocation Loc,
                                 llvm::StringRef Text) {
  return replacement(clang::CharSourceRange::getCharRange(Loc, Loc), Text);
}

} // namespace kmapcheck
