//===- EscapeAnalysis.cpp -------------------------------------------------===//
#include "core/EscapeAnalysis.h"

#include "clang/AST/ParentMapContext.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace kmapcheck {
using namespace clang;

bool keepsArgument(const ApiCall &AC, unsigned I) {
  return llvm::is_contained(AC.Entry->EscapesArgs, I) ||
         llvm::is_contained(AC.Entry->HandsOff, I);
}

/// Follows \p Ref up through what keeps it the same address (parentheses,
/// casts, pointer arithmetic, either arm of ?:); returns that expression and
/// sets \p N to its node.
static const Expr *addressUse(ASTContext &AST, const DeclRefExpr *Ref,
                              DynTypedNode &N) {
  N = DynTypedNode::create(*Ref);
  const Expr *Top = Ref;
  while (true) {
    DynTypedNode P = parentOf(AST, N);
    const auto *PE = P.get<Expr>();
    if (!PE)
      return Top;
    bool Through = isa<ParenExpr, ImplicitCastExpr, CStyleCastExpr>(PE);
    if (auto *BO = dyn_cast<BinaryOperator>(PE))
      Through = (BO->getOpcode() == BO_Add || BO->getOpcode() == BO_Sub) &&
                Top->getType()->isPointerType();
    if (auto *CO = dyn_cast<ConditionalOperator>(PE))
      Through = CO->getCond() != Top;
    if (!Through)
      return Top;
    N = P;
    Top = PE;
  }
}

std::optional<AstEscape> findEscape(TUContext &Ctx, const BodyIndex &Body,
                                    const VarDecl *V) {
  ASTContext &AST = Ctx.ast();
  std::vector<const VarDecl *> Work{V};
  llvm::SmallPtrSet<const VarDecl *, 8> Seen{V};
  auto Follow = [&](const VarDecl *X) {
    if (Seen.insert(X).second)
      Work.push_back(X);
  };
  while (!Work.empty()) {
    const VarDecl *W = Work.back();
    Work.pop_back();
    for (const DeclRefExpr *Ref : Body.Refs.lookup(W)) {
      DynTypedNode N;
      const Expr *Top = addressUse(AST, Ref, N);
      DynTypedNode P = parentOf(AST, N);
      SourceLocation Where = Ref->getLocation();
      if (P.get<ReturnStmt>())
        return AstEscape{"the address is returned to the caller", Where};
      if (const auto *BO = P.get<BinaryOperator>()) {
        if (!BO->isAssignmentOp() || BO->getRHS() != Top)
          continue;
        if (auto *DRE = dyn_cast<DeclRefExpr>(stripCasts(BO->getLHS())))
          if (auto *X = dyn_cast<VarDecl>(DRE->getDecl())) {
            // Another local variable holds it now: follow that one.
            if (X->hasLocalStorage() && !X->getType()->isArrayType()) {
              Follow(X);
              continue;
            }
            return AstEscape{"the address is stored to '" +
                                 X->getNameAsString() +
                                 "', which outlives the function",
                             Where};
          }
        return AstEscape{
            "the address is stored to '" +
                sourceText(AST, BO->getLHS()->getSourceRange(), "memory") + "'",
            Where};
      }
      if (const auto *VD = P.get<VarDecl>()) {
        if (VD->hasLocalStorage() && !VD->getType()->isArrayType() &&
            !VD->getType()->isRecordType()) {
          Follow(VD);
          continue;
        }
        return AstEscape{
            "the address is stored to '" + VD->getNameAsString() + "'", Where};
      }
      if (const auto *UO = P.get<UnaryOperator>()) {
        if (UO->getOpcode() == UO_AddrOf)
          return AstEscape{"the address of the variable holding the mapping "
                           "is taken",
                           Where};
        continue;
      }
      if (P.get<InitListExpr>())
        return AstEscape{"the address is stored in an initializer", Where};
      if (const auto *CE = P.get<CallExpr>())
        for (unsigned I = 0; I < CE->getNumArgs(); ++I)
          if (CE->getArg(I) == Top)
            if (auto AC = resolveApiCall(CE, Ctx.api(), AST))
              if (keepsArgument(*AC, I))
                return AstEscape{"the address is handed to '" + AC->Spelled +
                                     "', which keeps it",
                                 Where};
    }
  }
  return std::nullopt;
}

} // namespace kmapcheck
