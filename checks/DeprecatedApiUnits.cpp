//===- DeprecatedApiUnits.cpp ---------------------------------------------===//
#include "checks/DeprecatedApiUnits.h"

#include "clang/AST/ParentMapContext.h"
#include "clang/Basic/SourceManager.h"

namespace kmapcheck {
using namespace clang;

bool isDeprecatedUse(const ApiCall &C) {
  return !C.Entry->DeprecatedBy.empty() && C.Spelled == C.Entry->Name;
}

std::string apiName(const ApiCall &C) { return "'" + C.Spelled + "'"; }

FunctionUnits::FunctionUnits(TUContext &Ctx, const FunctionDecl *FD)
    : Ctx(Ctx), FD(FD), Body(FD->getBody()) {
  SourceManager &SM = Ctx.sm();
  BodyFile = SM.getFileID(SM.getExpansionLoc(FD->getBody()->getBeginLoc()));
  collectSites();
  groupUnits();
}

unsigned FunctionUnits::offsetOf(SourceLocation L) const {
  SourceManager &SM = Ctx.sm();
  return SM.getDecomposedLoc(SM.getExpansionLoc(L)).second;
}

bool FunctionUnits::inBodyFile(SourceLocation L) const {
  SourceManager &SM = Ctx.sm();
  return SM.getFileID(SM.getExpansionLoc(L)) == BodyFile;
}

std::string FunctionUnits::lineOf(SourceLocation L) const {
  return std::to_string(Ctx.sm().getExpansionLineNumber(L));
}

void FunctionUnits::profile(const Expr *E, llvm::FoldingSetNodeID &ID) const {
  stripCasts(E)->Profile(ID, Ctx.ast(), /*Canonical=*/true);
}

/// The local variable the result of \p CE is stored into, if any.
const VarDecl *FunctionUnits::assignedVar(const CallExpr *CE) const {
  DynTypedNode N = DynTypedNode::create(*CE);
  while (true) {
    DynTypedNode P = parentOf(Ctx.ast(), N);
    if (const auto *E = P.get<Expr>()) {
      if (isa<ParenExpr, ImplicitCastExpr, CStyleCastExpr>(E)) {
        N = P;
        continue;
      }
      // kmap_atomic(page) + offset: the address is still the mapping's.
      if (const auto *BO = dyn_cast<BinaryOperator>(E))
        if ((BO->getOpcode() == BO_Add || BO->getOpcode() == BO_Sub) &&
            BO->getType()->isPointerType() &&
            stripAddressArith(BO) == stripCasts(CE)) {
          N = P;
          continue;
        }
      if (const auto *BO = dyn_cast<BinaryOperator>(E))
        if (BO->getOpcode() == BO_Assign &&
            stripAddressArith(BO->getRHS()) == stripCasts(CE))
          if (auto *DRE = dyn_cast<DeclRefExpr>(stripCasts(BO->getLHS())))
            return dyn_cast<VarDecl>(DRE->getDecl());
      return nullptr;
    }
    if (const auto *VD = P.get<VarDecl>())
      return VD;
    return nullptr;
  }
}

void FunctionUnits::collectSites() {
  for (const CallExpr *CE : Body.Calls) {
    auto AC = resolveApiCall(CE, Ctx.api(), Ctx.ast());
    if (!AC)
      continue;
    const ApiEntry *E = AC->Entry;
    if (E->Map) {
      auto M = std::make_unique<MapSite>();
      M->C = *AC;
      M->Var = assignedVar(CE);
      if (E->Map->PageArg >= 0 &&
          unsigned(E->Map->PageArg) < CE->getNumArgs()) {
        profile(CE->getArg(E->Map->PageArg), M->Page);
        M->HasPage = true;
      }
      Maps.push_back(std::move(M));
    } else if (E->Unmap && E->Unmap->Arg < CE->getNumArgs()) {
      auto U = std::make_unique<UnmapSite>();
      U->C = *AC;
      const Expr *Arg = CE->getArg(E->Unmap->Arg);
      if (E->Unmap->ArgIsAddress)
        U->Base = addressBaseVar(Arg);
      else
        profile(Arg, U->Page);
      Unmaps.push_back(std::move(U));
    }
  }
}

void FunctionUnits::groupUnits() {
  std::map<const VarDecl *, ConversionUnit *> AtomicByVar, LocalByVar;
  auto NewUnit = [&](MapKind K, const VarDecl *Var) {
    Units.push_back(std::make_unique<ConversionUnit>());
    Units.back()->Kind = K;
    Units.back()->Var = Var;
    return Units.back().get();
  };
  // Maps: kmap() by variable (one variable, one page), the others by
  // variable and family.
  for (auto &M : Maps) {
    MapKind K = M->C.Entry->Map->Kind;
    if (!M->Var)
      continue;
    if (K == MapKind::Global) {
      ConversionUnit *Found = nullptr;
      for (ConversionUnit *U : GlobalUnits)
        if (U->Var == M->Var)
          Found = U;
      if (!Found) {
        Found = NewUnit(K, M->Var);
        GlobalUnits.push_back(Found);
      }
      if (!Found->Maps.empty() && M->HasPage &&
          !(Found->Maps.front()->Page == M->Page))
        Found->fail("'" + M->Var->getNameAsString() +
                        "' holds mappings of different pages",
                    M->C.NameLoc);
      Found->Maps.push_back(M.get());
      continue;
    }
    auto &ByVar = K == MapKind::Atomic ? AtomicByVar : LocalByVar;
    ConversionUnit *&U = ByVar[M->Var];
    if (!U)
      U = NewUnit(K, M->Var);
    U->Maps.push_back(M.get());
  }
  // Unmaps: an address unmap by the variable its argument is based on,
  // kunmap(page) by the page.
  for (auto &Un : Unmaps) {
    const UnmapSpec &S = *Un->C.Entry->Unmap;
    if (S.ArgIsAddress) {
      if (!Un->Base)
        continue;
      auto &ByVar = S.Kind == MapKind::Atomic ? AtomicByVar : LocalByVar;
      auto It = ByVar.find(Un->Base);
      if (It != ByVar.end()) {
        It->second->Unmaps.push_back(Un.get());
        continue;
      }
      // An address unmap of the other family: the unit is mixed.
      auto &Other = S.Kind == MapKind::Atomic ? LocalByVar : AtomicByVar;
      auto OIt = Other.find(Un->Base);
      if (OIt != Other.end())
        OIt->second->fail("'" + Un->Base->getNameAsString() +
                              "' is also released with " + apiName(Un->C),
                          Un->C.NameLoc);
      continue;
    }
    for (ConversionUnit *U : GlobalUnits) {
      if (U->Maps.front()->HasPage && U->Maps.front()->Page == Un->Page) {
        U->Unmaps.push_back(Un.get());
        break;
      }
    }
  }
  for (auto &UP : Units) {
    ConversionUnit &U = *UP;
    U.Begin = ~0u;
    U.End = 0;
    for (MapSite *M : U.Maps) {
      U.Begin = std::min(U.Begin, M->C.Offset);
      U.End = std::max(U.End, M->C.Offset);
      UnitOfMap[M] = &U;
    }
    for (UnmapSite *Un : U.Unmaps) {
      U.End = std::max(U.End, Un->C.Offset);
      UnitOfUnmap[Un] = &U;
    }
    if (U.Kind != MapKind::Global)
      StackIntervals.push_back({U.Begin, U.End});
  }
}

ConversionUnit *FunctionUnits::unitOf(const MapSite *M) const {
  auto It = UnitOfMap.find(M);
  return It == UnitOfMap.end() ? nullptr : It->second;
}

ConversionUnit *FunctionUnits::unitOf(const UnmapSite *U) const {
  auto It = UnitOfUnmap.find(U);
  return It == UnitOfUnmap.end() ? nullptr : It->second;
}

} // namespace kmapcheck
