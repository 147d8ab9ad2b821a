//===- StmtUtils.cpp ------------------------------------------------------===//
#include "core/StmtUtils.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

namespace kmapcheck {
using namespace clang;

DynTypedNode parentOf(ASTContext &Ctx, const DynTypedNode &N) {
  auto Ps = Ctx.getParents(N);
  return Ps.empty() ? DynTypedNode() : Ps[0];
}

const Stmt *userStatementOf(ASTContext &Ctx, const Expr *E) {
  DynTypedNode N = DynTypedNode::create(*E);
  while (true) {
    DynTypedNode P = parentOf(Ctx, N);
    if (P.get<VarDecl>()) {
      N = P;
      continue;
    }
    const Stmt *PS = P.get<Stmt>();
    if (!PS)
      return nullptr;
    bool UserWritten = PS->getBeginLoc().isFileID();
    if (isa<CompoundStmt, LabelStmt, CaseStmt, DefaultStmt>(PS) && UserWritten)
      return N.get<Stmt>();
    if (!UserWritten || isa<Expr, DeclStmt>(PS)) {
      N = P;
      continue;
    }
    return nullptr;
  }
}

CharSourceRange statementRange(ASTContext &Ctx, const Stmt *S) {
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  SourceLocation B = SM.getExpansionLoc(S->getBeginLoc());
  SourceLocation E = SM.getExpansionRange(S->getEndLoc()).getEnd();
  if (!B.isFileID() || !E.isFileID())
    return CharSourceRange();
  SourceLocation AfterEnd = Lexer::getLocForEndOfToken(E, 0, SM, LO);
  if (isa<DeclStmt>(S) || isa<NullStmt>(S))
    return CharSourceRange::getCharRange(B, AfterEnd);
  std::optional<Token> Tok = Lexer::findNextToken(E, SM, LO);
  if (!Tok || Tok->isNot(tok::semi))
    return CharSourceRange();
  return CharSourceRange::getCharRange(B, Tok->getEndLoc());
}

std::string lineIndent(const SourceManager &SM, SourceLocation Loc) {
  auto [FID, Off] = SM.getDecomposedLoc(SM.getExpansionLoc(Loc));
  llvm::StringRef Buf = SM.getBufferData(FID);
  size_t LineStart = Buf.rfind('\n', Off);
  LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
  size_t I = LineStart;
  while (I < Buf.size() && (Buf[I] == ' ' || Buf[I] == '\t'))
    ++I;
  return Buf.substr(LineStart, I - LineStart).str();
}

const Stmt *nextSibling(ASTContext &Ctx, const Stmt *S) {
  const auto *CS = parentOf(Ctx, DynTypedNode::create(*S)).get<CompoundStmt>();
  if (!CS)
    return nullptr;
  bool Found = false;
  for (const Stmt *X : CS->body()) {
    if (Found)
      return X;
    Found = X == S;
  }
  return nullptr;
}

std::string sourceText(clang::ASTContext &Ctx, clang::SourceRange R,
                       llvm::StringRef Fallback) {
  clang::CharSourceRange CR = clang::Lexer::makeFileCharRange(
      clang::CharSourceRange::getTokenRange(R), Ctx.getSourceManager(),
      Ctx.getLangOpts());
  if (!CR.isValid())
    return Fallback.str();
  return clang::Lexer::getSourceText(CR, Ctx.getSourceManager(),
                                     Ctx.getLangOpts())
      .str();
}

std::string fileText(ASTContext &Ctx, CharSourceRange R) {
  return Lexer::getSourceText(R, Ctx.getSourceManager(), Ctx.getLangOpts())
      .str();
}

const Expr *stripCasts(const Expr *E) {
  while (true) {
    E = E->IgnoreParenImpCasts();
    if (auto *C = dyn_cast<CStyleCastExpr>(E)) {
      E = C->getSubExpr();
      continue;
    }
    return E;
  }
}

const Expr *stripAddressArith(const Expr *E) {
  while (true) {
    E = stripCasts(E);
    const auto *BO = dyn_cast<BinaryOperator>(E);
    if (!BO || (BO->getOpcode() != BO_Add && BO->getOpcode() != BO_Sub))
      return E;
    if (BO->getLHS()->getType()->isPointerType())
      E = BO->getLHS();
    else if (BO->getRHS()->getType()->isPointerType())
      E = BO->getRHS();
    else
      return E;
  }
}

const VarDecl *addressBaseVar(const Expr *E) {
  E = stripCasts(E);
  if (auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (BO->getOpcode() == BO_Add || BO->getOpcode() == BO_Sub) {
      if (BO->getLHS()->getType()->isPointerType())
        return addressBaseVar(BO->getLHS());
      if (BO->getRHS()->getType()->isPointerType())
        return addressBaseVar(BO->getRHS());
    }
    return nullptr;
  }
  if (auto *DRE = dyn_cast<DeclRefExpr>(E))
    return dyn_cast<VarDecl>(DRE->getDecl());
  return nullptr;
}

namespace {
class BodyVisitor : public RecursiveASTVisitor<BodyVisitor> {
public:
  explicit BodyVisitor(BodyIndex &Out) : Out(Out) {}
  bool VisitCallExpr(CallExpr *CE) {
    Out.Calls.push_back(CE);
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *DRE) {
    if (auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      Out.Refs[VD].push_back(DRE);
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->isAssignmentOp())
      Out.Assignments.push_back(BO);
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *UO) {
    if (UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf)
      Out.Increments.push_back(UO);
    return true;
  }

private:
  BodyIndex &Out;
};
} // namespace

BodyIndex::BodyIndex(const Stmt *Body) {
  BodyVisitor V(*this);
  V.TraverseStmt(const_cast<Stmt *>(Body));
}

} // namespace kmapcheck
