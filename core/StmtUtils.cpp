//===- StmtUtils.cpp ------------------------------------------------------===//
#include "core/StmtUtils.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

namespace kmapcheck {
using namespace clang;

static DynTypedNode parentOf(ASTContext &Ctx, const DynTypedNode &N) {
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

} // namespace kmapcheck
