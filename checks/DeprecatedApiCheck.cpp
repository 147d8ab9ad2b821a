//===- DeprecatedApiCheck.cpp - kmap-deprecated-api -----------------------===//
//
// kmap() and kmap_atomic() are deprecated in favour of kmap_local_page().
// Every call of a deprecated API is reported. A fix-it converts a mapping
// together with its unmaps ("a conversion unit": one local variable holding
// the address, the maps that assign it and the unmaps that release it) when
// the conversion is provably equivalent within the function:
//
//  * kmap_atomic(p) ... kunmap_atomic(a) -> kmap_local_page(p) ...
//    kunmap_local(a), inserting pagefault_disable()/preempt_disable() after
//    the map and the enables before each unmap when the section relies on
//    them (a user copy that must fail fast, per-CPU access), as the 2022
//    userfaultfd conversion did;
//  * kmap(p) ... kunmap(p) -> kmap_local_page(p) ... kunmap_local(a), only
//    when the address does not escape and the local mappings of the function
//    stay in stack order.
//
// The conversion units, their escapes and their stack order are decided on
// the AST inside one function; the path engine adds what the source order
// cannot show (beforeUnmap, onEscape below): a branch that releases the
// mappings in another order, a store of the address in a TU-local callee.
//
//===----------------------------------------------------------------------===//
#include "checks/DeprecatedApiCheck.h"
#include "core/ApiCallResolver.h"
#include "core/StmtUtils.h"

#include "clang/AST/ParentMapContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/FoldingSet.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <map>
#include <optional>

namespace kmapcheck {
using namespace clang;

DeprecatedApiCheck::DeprecatedApiCheck(const CheckSpec &Spec,
                                       CheckOptions Options)
    : PathCheck(Spec, std::move(Options)) {
  FixKmap = boolOption("FixKmap");
  FixKmapAtomic = boolOption("FixKmapAtomic");
}

namespace {

/// Calls and variable references of one function body.
class BodyCollector : public RecursiveASTVisitor<BodyCollector> {
public:
  std::vector<const CallExpr *> Calls;
  llvm::DenseMap<const VarDecl *, std::vector<const DeclRefExpr *>> Refs;
  std::vector<const BinaryOperator *> Assignments;
  std::vector<const UnaryOperator *> Increments;

  bool VisitCallExpr(CallExpr *CE) {
    Calls.push_back(CE);
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *DRE) {
    if (auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      Refs[VD].push_back(DRE);
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->isAssignmentOp())
      Assignments.push_back(BO);
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *UO) {
    if (UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf)
      Increments.push_back(UO);
    return true;
  }
};

const Expr *strip(const Expr *E) {
  while (true) {
    E = E->IgnoreParenImpCasts();
    if (auto *C = dyn_cast<CStyleCastExpr>(E)) {
      E = C->getSubExpr();
      continue;
    }
    return E;
  }
}

/// \p E without casts and pointer arithmetic: kmap_atomic(p) + offset gives
/// the call.
const Expr *stripAddressArith(const Expr *E) {
  while (true) {
    E = strip(E);
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

/// The variable an address expression is based on: a, (char *)a, a + off.
const VarDecl *baseVar(const Expr *E) {
  E = strip(E);
  if (auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (BO->getOpcode() == BO_Add || BO->getOpcode() == BO_Sub) {
      if (BO->getLHS()->getType()->isPointerType())
        return baseVar(BO->getLHS());
      if (BO->getRHS()->getType()->isPointerType())
        return baseVar(BO->getRHS());
    }
    return nullptr;
  }
  if (auto *DRE = dyn_cast<DeclRefExpr>(E))
    return dyn_cast<VarDecl>(DRE->getDecl());
  return nullptr;
}

/// Requirements of a section on what kmap_atomic() implied, with evidence.
struct Reliance {
  bool Pagefault = false;
  bool Preempt = false;
  // First evidence of each: location and a description.
  SourceLocation PagefaultLoc, PreemptLoc;
  std::string PagefaultWhy, PreemptWhy;
  unsigned PagefaultOffset = 0, PreemptOffset = 0;
};

struct MapSite {
  ApiCall C;
  const VarDecl *Var = nullptr;
  llvm::FoldingSetNodeID Page; // profile of the page argument
  bool HasPage = false;
};

struct UnmapSite {
  ApiCall C;
  const VarDecl *Base = nullptr; // for address unmaps
  llvm::FoldingSetNodeID Page;   // for kunmap(page)
  bool Claimed = false;
};

struct Unit {
  MapKind Kind = MapKind::Atomic;
  const VarDecl *Var = nullptr;
  std::vector<MapSite *> Maps;
  std::vector<UnmapSite *> Unmaps;
  std::string NoFix; // why there is no fix-it; empty when there is one
  SourceLocation NoFixLoc;
  Reliance Needs;
  unsigned Begin = 0, End = 0;
  std::vector<Replacement> Fixes;
};

class FunctionAnalysis {
public:
  FunctionAnalysis(TUContext &Ctx, const FunctionDecl *FD,
                   llvm::DenseMap<const FunctionDecl *, Reliance> &CalleeMemo)
      : Ctx(Ctx), SM(Ctx.sm()), LO(Ctx.langOpts()), FD(FD),
        CalleeMemo(CalleeMemo) {
    Body.TraverseStmt(FD->getBody());
    BodyFile = SM.getFileID(SM.getExpansionLoc(FD->getBody()->getBeginLoc()));
  }

  TUContext &Ctx;
  SourceManager &SM;
  const LangOptions &LO;
  const FunctionDecl *FD;
  llvm::DenseMap<const FunctionDecl *, Reliance> &CalleeMemo;
  BodyCollector Body;
  FileID BodyFile;
  std::vector<ApiCall> Api;

  DynTypedNode parentOf(const DynTypedNode &N) {
    auto Parents = Ctx.ast().getParents(N);
    return Parents.empty() ? DynTypedNode() : Parents[0];
  }

  /// The local variable the result of \p CE is stored into, if any.
  const VarDecl *assignedVar(const CallExpr *CE) {
    DynTypedNode N = DynTypedNode::create(*CE);
    while (true) {
      DynTypedNode P = parentOf(N);
      if (const auto *E = P.get<Expr>()) {
        if (isa<ParenExpr, ImplicitCastExpr, CStyleCastExpr>(E)) {
          N = P;
          continue;
        }
        // kmap_atomic(page) + offset: the address is still the mapping's.
        if (const auto *BO = dyn_cast<BinaryOperator>(E))
          if ((BO->getOpcode() == BO_Add || BO->getOpcode() == BO_Sub) &&
              BO->getType()->isPointerType() &&
              stripAddressArith(BO) == strip(CE)) {
            N = P;
            continue;
          }
        if (const auto *BO = dyn_cast<BinaryOperator>(E))
          if (BO->getOpcode() == BO_Assign &&
              stripAddressArith(BO->getRHS()) == strip(CE))
            if (auto *DRE = dyn_cast<DeclRefExpr>(strip(BO->getLHS())))
              return dyn_cast<VarDecl>(DRE->getDecl());
        return nullptr;
      }
      if (const auto *VD = P.get<VarDecl>())
        return VD;
      return nullptr;
    }
  }

  unsigned offsetOf(SourceLocation L) {
    return SM.getDecomposedLoc(SM.getExpansionLoc(L)).second;
  }
  unsigned endOffsetOf(const Stmt *S) { return offsetOf(S->getEndLoc()); }
  bool inBodyFile(SourceLocation L) {
    return SM.getFileID(SM.getExpansionLoc(L)) == BodyFile;
  }

  void profile(const Expr *E, llvm::FoldingSetNodeID &ID) {
    strip(E)->Profile(ID, Ctx.ast(), /*Canonical=*/true);
  }

  /// What a TU-local function relies on, transitively (memoised).
  Reliance calleeReliance(const FunctionDecl *Callee, unsigned Depth) {
    Callee = Callee->getDefinition();
    if (!Callee || !Callee->hasBody() || Depth > 8)
      return {};
    auto It = CalleeMemo.find(Callee);
    if (It != CalleeMemo.end())
      return It->second;
    CalleeMemo[Callee] = Reliance(); // recursion guard
    BodyCollector C;
    C.TraverseStmt(Callee->getBody());
    Reliance R;
    for (const CallExpr *CE : C.Calls)
      addCallReliance(CE, R, Depth + 1, /*InCallee=*/true);
    CalleeMemo[Callee] = R;
    return R;
  }

  void addCallReliance(const CallExpr *CE, Reliance &R, unsigned Depth,
                       bool InCallee) {
    if (auto AC = resolveApiCall(CE, Ctx.api(), Ctx.ast())) {
      const ApiEntry *E = AC->Entry;
      if ((E->UserCopy || E->hasNeed(AtomicNeed::Pagefault)) && !R.Pagefault) {
        R.Pagefault = true;
        R.PagefaultLoc = AC->NameLoc;
        R.PagefaultWhy = "'" + AC->Spelled + "'";
        R.PagefaultOffset = offsetOf(AC->NameLoc);
      }
      if (E->hasNeed(AtomicNeed::Preempt) && !R.Preempt) {
        R.Preempt = true;
        R.PreemptLoc = AC->NameLoc;
        R.PreemptWhy = "'" + AC->Spelled + "'";
        R.PreemptOffset = offsetOf(AC->NameLoc);
      }
      return;
    }
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (!Callee || Ctx.api().isModeled(Callee->getName()))
      return;
    Reliance Sub = calleeReliance(Callee, Depth);
    SourceLocation L = SM.getExpansionLoc(CE->getBeginLoc());
    std::string Via = Callee->getNameAsString();
    if (Sub.Pagefault && !R.Pagefault) {
      R.Pagefault = true;
      R.PagefaultLoc = L;
      R.PagefaultWhy = "'" + Via + "' (through " + Sub.PagefaultWhy + ")";
      R.PagefaultOffset = offsetOf(L);
    }
    if (Sub.Preempt && !R.Preempt) {
      R.Preempt = true;
      R.PreemptLoc = L;
      R.PreemptWhy = "'" + Via + "' (through " + Sub.PreemptWhy + ")";
      R.PreemptOffset = offsetOf(L);
    }
  }

  /// What the code between offsets (Begin, End) of this function relies on.
  Reliance sectionReliance(unsigned Begin, unsigned End) {
    Reliance R;
    for (const CallExpr *CE : Body.Calls) {
      SourceLocation L = SM.getExpansionLoc(CE->getBeginLoc());
      if (SM.getFileID(L) != BodyFile)
        continue;
      unsigned Off = SM.getDecomposedLoc(L).second;
      if (Off <= Begin || Off >= End)
        continue;
      addCallReliance(CE, R, 0, false);
    }
    for (const MacroUse &M : Ctx.macroUses()) {
      SourceLocation L = SM.getExpansionLoc(M.Loc);
      if (SM.getFileID(L) != BodyFile)
        continue;
      unsigned Off = SM.getDecomposedLoc(L).second;
      if (Off <= Begin || Off >= End)
        continue;
      const ApiEntry *E = M.Entry;
      if ((E->UserCopy || E->hasNeed(AtomicNeed::Pagefault)) && !R.Pagefault) {
        R.Pagefault = true;
        R.PagefaultLoc = L;
        R.PagefaultWhy = "'" + M.Name + "'";
        R.PagefaultOffset = Off;
      }
      if (E->hasNeed(AtomicNeed::Preempt) && !R.Preempt) {
        R.Preempt = true;
        R.PreemptLoc = L;
        R.PreemptWhy = "'" + M.Name + "'";
        R.PreemptOffset = Off;
      }
    }
    return R;
  }

  std::string sourceText(const Expr *E) {
    CharSourceRange R = Lexer::makeFileCharRange(
        CharSourceRange::getTokenRange(E->getSourceRange()), SM, LO);
    if (R.isInvalid())
      return "memory";
    return Lexer::getSourceText(R, SM, LO).str();
  }

  std::string lineOf(SourceLocation L) {
    return std::to_string(SM.getExpansionLineNumber(L));
  }

  /// Why the address held in \p V escapes the function, or nothing.
  std::optional<std::pair<std::string, SourceLocation>>
  findEscape(const VarDecl *V) {
    std::vector<const VarDecl *> Work{V};
    llvm::SmallPtrSet<const VarDecl *, 8> Seen{V};
    while (!Work.empty()) {
      const VarDecl *W = Work.back();
      Work.pop_back();
      for (const DeclRefExpr *Ref : Body.Refs.lookup(W)) {
        DynTypedNode N = DynTypedNode::create(*Ref);
        const Expr *Top = Ref;
        while (true) {
          DynTypedNode P = parentOf(N);
          const auto *PE = P.get<Expr>();
          if (!PE)
            break;
          bool Through = isa<ParenExpr, ImplicitCastExpr, CStyleCastExpr>(PE);
          if (auto *BO = dyn_cast<BinaryOperator>(PE))
            Through =
                (BO->getOpcode() == BO_Add || BO->getOpcode() == BO_Sub) &&
                Top->getType()->isPointerType();
          if (auto *CO = dyn_cast<ConditionalOperator>(PE))
            Through = CO->getCond() != Top;
          if (!Through)
            break;
          N = P;
          Top = PE;
        }
        DynTypedNode P = parentOf(N);
        SourceLocation Where = Ref->getLocation();
        if (P.get<ReturnStmt>())
          return std::make_pair(std::string("the address is returned to the "
                                            "caller"),
                                Where);
        if (const auto *BO = P.get<BinaryOperator>()) {
          if (BO->isAssignmentOp() && BO->getRHS() == Top) {
            const Expr *LHS = strip(BO->getLHS());
            if (auto *DRE = dyn_cast<DeclRefExpr>(LHS)) {
              if (auto *X = dyn_cast<VarDecl>(DRE->getDecl())) {
                if (X->hasLocalStorage() && !X->getType()->isArrayType()) {
                  if (Seen.insert(X).second)
                    Work.push_back(X);
                  continue;
                }
                return std::make_pair("the address is stored to '" +
                                          X->getNameAsString() +
                                          "', which outlives the function",
                                      Where);
              }
            }
            return std::make_pair("the address is stored to '" +
                                      sourceText(BO->getLHS()) + "'",
                                  Where);
          }
          continue;
        }
        if (const auto *VD = P.get<VarDecl>()) {
          if (VD->hasLocalStorage() && !VD->getType()->isArrayType() &&
              !VD->getType()->isRecordType()) {
            if (Seen.insert(VD).second)
              Work.push_back(VD);
            continue;
          }
          return std::make_pair("the address is stored to '" +
                                    VD->getNameAsString() + "'",
                                Where);
        }
        if (const auto *UO = P.get<UnaryOperator>()) {
          if (UO->getOpcode() == UO_AddrOf)
            return std::make_pair(std::string("the address of the variable "
                                              "holding the mapping is taken"),
                                  Where);
          continue;
        }
        if (P.get<InitListExpr>())
          return std::make_pair(
              std::string("the address is stored in an initializer"), Where);
        if (const auto *CE = P.get<CallExpr>()) {
          for (unsigned I = 0; I < CE->getNumArgs(); ++I) {
            if (CE->getArg(I) != Top)
              continue;
            if (auto AC = resolveApiCall(CE, Ctx.api(), Ctx.ast()))
              for (unsigned Esc : AC->Entry->EscapesArgs)
                if (Esc == I)
                  return std::make_pair("the address is handed to '" +
                                            AC->Spelled + "', which keeps it",
                                        Where);
          }
        }
      }
    }
    return std::nullopt;
  }

  /// Writes to \p V other than the unit's maps (and NULL assignments).
  std::optional<SourceLocation>
  otherWrite(const VarDecl *V,
             const llvm::SmallPtrSetImpl<const Expr *> &Maps) {
    if (const Expr *Init = V->getInit())
      if (!Maps.count(stripAddressArith(Init)) &&
          !Init->isNullPointerConstant(Ctx.ast(),
                                       Expr::NPC_ValueDependentIsNotNull))
        return V->getLocation();
    for (const BinaryOperator *BO : Body.Assignments) {
      auto *DRE = dyn_cast<DeclRefExpr>(strip(BO->getLHS()));
      if (!DRE || DRE->getDecl() != V)
        continue;
      if (BO->getOpcode() == BO_Assign &&
          (Maps.count(stripAddressArith(BO->getRHS())) ||
           BO->getRHS()->isNullPointerConstant(
               Ctx.ast(), Expr::NPC_ValueDependentIsNotNull)))
        continue;
      return BO->getOperatorLoc();
    }
    for (const UnaryOperator *UO : Body.Increments) {
      auto *DRE = dyn_cast<DeclRefExpr>(strip(UO->getSubExpr()));
      if (DRE && DRE->getDecl() == V)
        return UO->getOperatorLoc();
    }
    return std::nullopt;
  }

  /// True when a variable referenced by \p Page is written between offsets.
  std::optional<SourceLocation> pageChanges(const Expr *Page, unsigned Begin,
                                            unsigned End) {
    BodyCollector PC;
    PC.TraverseStmt(const_cast<Expr *>(Page));
    auto InRange = [&](SourceLocation L) {
      if (!inBodyFile(L))
        return false;
      unsigned O = offsetOf(L);
      return O > Begin && O < End;
    };
    for (const auto &KV : PC.Refs) {
      const VarDecl *V = KV.first;
      for (const BinaryOperator *BO : Body.Assignments) {
        auto *DRE = dyn_cast<DeclRefExpr>(strip(BO->getLHS()));
        if (DRE && DRE->getDecl() == V && InRange(BO->getOperatorLoc()))
          return BO->getOperatorLoc();
      }
      for (const UnaryOperator *UO : Body.Increments) {
        auto *DRE = dyn_cast<DeclRefExpr>(strip(UO->getSubExpr()));
        if (DRE && DRE->getDecl() == V && InRange(UO->getOperatorLoc()))
          return UO->getOperatorLoc();
      }
    }
    return std::nullopt;
  }
};

std::string apiName(const ApiCall &C) { return "'" + C.Spelled + "'"; }

} // namespace

void DeprecatedApiCheck::run(TUContext &Ctx) {
  SourceManager &SM = Ctx.sm();
  const ApiModel &Api = Ctx.api();
  llvm::DenseMap<const FunctionDecl *, Reliance> CalleeMemo;

  // Functions with bodies that call the API, in the order they appear.
  const TUIndex &Index = Ctx.index();
  for (const FunctionDecl *FD : Index.Functions) {
    if (!Index.CallsApi.count(FD))
      continue;
    if (!FD->getIdentifier() || Api.bodyIsModel(FD->getName()))
      continue; // the bodies of modeled functions are the model
    if (!Ctx.systemHeaders() &&
        SM.isInSystemHeader(SM.getExpansionLoc(FD->getLocation())))
      continue;
    FunctionAnalysis FA(Ctx, FD, CalleeMemo);

    std::vector<std::unique_ptr<MapSite>> Maps;
    std::vector<std::unique_ptr<UnmapSite>> Unmaps;
    for (const CallExpr *CE : FA.Body.Calls) {
      auto AC = resolveApiCall(CE, Api, Ctx.ast());
      if (!AC)
        continue;
      const ApiEntry *E = AC->Entry;
      if (E->Map) {
        auto M = std::make_unique<MapSite>();
        M->C = *AC;
        M->Var = FA.assignedVar(CE);
        if (E->Map->PageArg >= 0 &&
            unsigned(E->Map->PageArg) < CE->getNumArgs()) {
          FA.profile(CE->getArg(E->Map->PageArg), M->Page);
          M->HasPage = true;
        }
        Maps.push_back(std::move(M));
      } else if (E->Unmap && E->Unmap->Arg < CE->getNumArgs()) {
        auto U = std::make_unique<UnmapSite>();
        U->C = *AC;
        const Expr *Arg = CE->getArg(E->Unmap->Arg);
        if (E->Unmap->ArgIsAddress)
          U->Base = baseVar(Arg);
        else
          FA.profile(Arg, U->Page);
        Unmaps.push_back(std::move(U));
      }
    }
    if (Maps.empty() && Unmaps.empty())
      continue;

    auto IsDeprecatedUse = [](const ApiCall &C) {
      return !C.Entry->DeprecatedBy.empty() && C.Spelled == C.Entry->Name;
    };

    // Conversion units, and the local/atomic mappings that form the stack.
    std::vector<std::unique_ptr<Unit>> Units;
    std::vector<std::pair<unsigned, unsigned>> StackIntervals;
    std::map<const VarDecl *, Unit *> AtomicByVar, LocalByVar;
    std::vector<Unit *> GlobalUnits;
    for (auto &M : Maps) {
      MapKind K = M->C.Entry->Map->Kind;
      if (!M->Var)
        continue;
      if (K == MapKind::Global) {
        Unit *Found = nullptr;
        for (Unit *U : GlobalUnits)
          if (U->Var == M->Var)
            Found = U;
        if (!Found) {
          Units.push_back(std::make_unique<Unit>());
          Found = Units.back().get();
          Found->Kind = K;
          Found->Var = M->Var;
          GlobalUnits.push_back(Found);
        }
        if (!Found->Maps.empty() && M->HasPage &&
            !(Found->Maps.front()->Page == M->Page) && Found->NoFix.empty()) {
          Found->NoFix = "'" + M->Var->getNameAsString() +
                         "' holds mappings of different pages";
          Found->NoFixLoc = M->C.NameLoc;
        }
        Found->Maps.push_back(M.get());
        continue;
      }
      auto &ByVar = K == MapKind::Atomic ? AtomicByVar : LocalByVar;
      Unit *&U = ByVar[M->Var];
      if (!U) {
        Units.push_back(std::make_unique<Unit>());
        U = Units.back().get();
        U->Kind = K;
        U->Var = M->Var;
      }
      U->Maps.push_back(M.get());
    }
    for (auto &Un : Unmaps) {
      const UnmapSpec &S = *Un->C.Entry->Unmap;
      if (S.ArgIsAddress) {
        if (!Un->Base)
          continue;
        auto &ByVar = S.Kind == MapKind::Atomic ? AtomicByVar : LocalByVar;
        auto It = ByVar.find(Un->Base);
        if (It != ByVar.end()) {
          It->second->Unmaps.push_back(Un.get());
          Un->Claimed = true;
        } else {
          // An address unmap of the other family: the unit is mixed.
          auto &Other = S.Kind == MapKind::Atomic ? LocalByVar : AtomicByVar;
          auto OIt = Other.find(Un->Base);
          if (OIt != Other.end() && OIt->second->NoFix.empty()) {
            OIt->second->NoFix = "'" + Un->Base->getNameAsString() +
                                 "' is also released with " + apiName(Un->C);
            OIt->second->NoFixLoc = Un->C.NameLoc;
          }
        }
        continue;
      }
      for (Unit *U : GlobalUnits) {
        if (U->Maps.front()->HasPage && U->Maps.front()->Page == Un->Page) {
          U->Unmaps.push_back(Un.get());
          Un->Claimed = true;
          break;
        }
      }
    }

    for (auto &UP : Units) {
      Unit &U = *UP;
      U.Begin = ~0u;
      U.End = 0;
      for (MapSite *M : U.Maps) {
        U.Begin = std::min(U.Begin, M->C.Offset);
        U.End = std::max(U.End, M->C.Offset);
      }
      for (UnmapSite *Un : U.Unmaps)
        U.End = std::max(U.End, Un->C.Offset);
      if (U.Kind != MapKind::Global)
        StackIntervals.push_back({U.Begin, U.End});
    }

    // Validate each deprecated unit.
    for (auto &UP : Units) {
      Unit &U = *UP;
      if (U.Kind == MapKind::Local)
        continue;
      auto Fail = [&](std::string Why, SourceLocation L) {
        if (U.NoFix.empty()) {
          U.NoFix = std::move(Why);
          U.NoFixLoc = L;
        }
      };
      const MapSite &First = *U.Maps.front();
      bool Enabled = U.Kind == MapKind::Global ? FixKmap : FixKmapAtomic;
      if (!Enabled)
        Fail("fix-its for " + apiName(First.C) +
                 " are disabled by the check's options",
             First.C.NameLoc);
      bool AllDeprecated = true;
      for (MapSite *M : U.Maps)
        AllDeprecated &= IsDeprecatedUse(M->C);
      for (UnmapSite *Un : U.Unmaps)
        AllDeprecated &= IsDeprecatedUse(Un->C);
      if (!AllDeprecated)
        Fail("the mapping is also handled by calls that are not deprecated "
             "APIs",
             First.C.NameLoc);
      if (U.Unmaps.empty())
        Fail(U.Kind == MapKind::Global
                 ? "no kunmap() of this page in the same function; map and "
                   "unmap must be converted together"
                 : "no " +
                       std::string(U.Kind == MapKind::Atomic ? "kunmap_atomic()"
                                                             : "unmap") +
                       " of this address in the same function; map and unmap "
                       "must be converted together",
             First.C.NameLoc);
      for (MapSite *M : U.Maps)
        if (!M->C.Fixable)
          Fail("the call is inside macro '" + M->C.EnclosingMacro + "'",
               M->C.NameLoc);
      for (UnmapSite *Un : U.Unmaps)
        if (!Un->C.Fixable)
          Fail(apiName(Un->C) + " at line " + FA.lineOf(Un->C.NameLoc) +
                   " is inside macro '" + Un->C.EnclosingMacro + "'",
               Un->C.NameLoc);
      if (!U.Var->hasLocalStorage() || isa<ParmVarDecl>(U.Var))
        Fail("the address is kept in '" + U.Var->getNameAsString() +
                 "', which is not a local variable",
             First.C.NameLoc);
      llvm::SmallPtrSet<const Expr *, 4> MapExprs;
      for (MapSite *M : U.Maps)
        MapExprs.insert(M->C.Call);
      if (auto W = FA.otherWrite(U.Var, MapExprs))
        Fail("'" + U.Var->getNameAsString() + "' is also modified at line " +
                 FA.lineOf(*W),
             *W);
      if (auto Esc = FA.findEscape(U.Var))
        Fail(Esc->first, Esc->second);
      // Stores the source cannot show: in a TU-local callee, on a path.
      if (U.Kind == MapKind::Global)
        for (MapSite *M : U.Maps) {
          auto It = EscapeFacts.find(M->C.Call);
          if (It == EscapeFacts.end())
            continue;
          const EscapeFact &F = It->second;
          if (F.Callee && F.CallSite)
            Fail("the address is stored to memory that outlives the function "
                 "in '" +
                     F.Callee->getNameAsString() + "' (called at line " +
                     FA.lineOf(F.CallSite->getBeginLoc()) +
                     "); kmap_local_page() addresses are valid in this "
                     "context only",
                 F.Store->getBeginLoc());
          else
            Fail("the address leaves the function on a path (line " +
                     FA.lineOf(F.Store->getBeginLoc()) + ")",
                 F.Store->getBeginLoc());
        }
      if (U.Kind == MapKind::Global && !U.Unmaps.empty()) {
        const CallExpr *MC = First.C.Call;
        int PA = First.C.Entry->Map->PageArg;
        if (PA >= 0)
          if (auto Ch = FA.pageChanges(MC->getArg(PA), U.Begin, U.End))
            Fail("the page expression may change between the kmap() and the "
                 "kunmap() (line " +
                     FA.lineOf(*Ch) + ")",
                 *Ch);
        // kunmap_local(var) needs var in scope at each unmap.
        DynTypedNode DeclP = FA.parentOf(DynTypedNode::create(*U.Var));
        const Stmt *Scope = nullptr;
        if (const auto *DS = DeclP.get<DeclStmt>())
          Scope = FA.parentOf(DynTypedNode::create(*DS)).get<CompoundStmt>();
        for (UnmapSite *Un : U.Unmaps) {
          if (!Scope || Un->C.Offset >= FA.endOffsetOf(Scope) ||
              Un->C.Offset <= FA.offsetOf(Scope->getBeginLoc()))
            Fail("'" + U.Var->getNameAsString() +
                     "' is not in scope at the "
                     "kunmap() at line " +
                     FA.lineOf(Un->C.NameLoc),
                 Un->C.NameLoc);
        }
      }
    }

    // Stack order: converted kmap() sections must nest with the local
    // mappings (and with each other).
    for (Unit *U : GlobalUnits) {
      if (!U->NoFix.empty())
        continue;
      for (auto [B, E] : StackIntervals) {
        bool Crosses = (U->Begin < B && B < U->End && U->End < E) ||
                       (B < U->Begin && U->Begin < E && E < U->End);
        if (Crosses) {
          unsigned Line = SM.getLineNumber(FA.BodyFile, B);
          U->NoFix = "kunmap_local() would release the mappings out of stack "
                     "order with the local mapping at line " +
                     std::to_string(Line);
          U->NoFixLoc = U->Maps.front()->C.NameLoc;
          break;
        }
      }
      // The intervals are source order; the engine's paths are exact (a
      // branch may release them in the other order).
      if (U->NoFix.empty())
        for (MapSite *M : U->Maps) {
          auto It = OrderFacts.find(M->C.Call);
          if (It == OrderFacts.end())
            continue;
          const OrderFact &F = It->second;
          std::string Other = FA.lineOf(F.Other->getBeginLoc());
          U->NoFix = "on a path through the kunmap() at line " +
                     FA.lineOf(F.Unmap->getBeginLoc()) +
                     ", kunmap_local() would release the mappings out of stack "
                     "order: " +
                     (F.OtherReleasedFirst
                          ? "the local mapping made at line " + Other +
                                " before it is already released there"
                          : "the mapping made at line " + Other +
                                " after it is still live there");
          U->NoFixLoc = F.Unmap->getBeginLoc();
          break;
        }
      if (U->NoFix.empty())
        StackIntervals.push_back({U->Begin, U->End});
    }

    // Build the fixes.
    for (auto &UP : Units) {
      Unit &U = *UP;
      if (U.Kind == MapKind::Local || !U.NoFix.empty())
        continue;
      for (MapSite *M : U.Maps)
        U.Fixes.push_back(Ctx.replacement(
            CharSourceRange::getCharRange(
                M->C.NameLoc,
                M->C.NameLoc.getLocWithOffset(M->C.Spelled.size())),
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
      if (U.Kind != MapKind::Atomic)
        continue;
      U.Needs = FA.sectionReliance(U.Begin, U.End);
      if (!U.Needs.Pagefault && !U.Needs.Preempt)
        continue;
      std::string Disable, Enable;
      if (U.Needs.Preempt)
        Disable += "preempt_disable();";
      if (U.Needs.Pagefault)
        Disable +=
            std::string(Disable.empty() ? "" : "\n") + "pagefault_disable();";
      if (U.Needs.Pagefault)
        Enable += "pagefault_enable();";
      if (U.Needs.Preempt)
        Enable += std::string(Enable.empty() ? "" : "\n") + "preempt_enable();";
      auto Indented = [](llvm::StringRef Lines, llvm::StringRef Indent,
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
      };
      std::vector<Replacement> Inserts;
      bool Ok = true;
      unsigned FirstNeed =
          std::min(U.Needs.Pagefault ? U.Needs.PagefaultOffset : ~0u,
                   U.Needs.Preempt ? U.Needs.PreemptOffset : ~0u);
      for (MapSite *M : U.Maps) {
        const Stmt *S = userStatementOf(Ctx.ast(), M->C.Call);
        const CompoundStmt *Parent =
            S ? FA.parentOf(DynTypedNode::create(*S)).get<CompoundStmt>()
              : nullptr;
        if (S && isa<DeclStmt>(S) && Parent) {
          // Keep declarations before statements (-Wdeclaration-after-
          // statement): insert after the run of declarations.
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
        }
        SourceLocation At =
            S ? statementRange(Ctx.ast(), S).getEnd() : SourceLocation();
        if (At.isInvalid() || FA.offsetOf(At) > FirstNeed) {
          Ok = false;
          U.NoFix =
              "cannot insert " +
              std::string(U.Needs.Pagefault ? "pagefault_disable()"
                                            : "preempt_disable()") +
              " after " + apiName(M->C) +
              (At.isInvalid() ? ": the call is not a statement of its own"
                              : ": the section relies on it in a declaration's "
                                "initializer, before the first place after the "
                                "declarations where a statement can go");
          U.NoFixLoc = M->C.NameLoc;
          break;
        }
        Inserts.push_back(Ctx.insertion(
            At, Indented(Disable, lineIndent(SM, S->getBeginLoc()), true)));
      }
      for (UnmapSite *Un : U.Unmaps) {
        if (!Ok)
          break;
        const Stmt *S = userStatementOf(Ctx.ast(), Un->C.Call);
        if (!S) {
          Ok = false;
          U.NoFix = "cannot insert " +
                    std::string(U.Needs.Pagefault ? "pagefault_enable()"
                                                  : "preempt_enable()") +
                    " before " + apiName(Un->C) + " at line " +
                    FA.lineOf(Un->C.NameLoc) +
                    ": the call is not a statement of its own";
          U.NoFixLoc = Un->C.NameLoc;
          break;
        }
        SourceLocation At = SM.getExpansionLoc(S->getBeginLoc());
        Inserts.push_back(
            Ctx.insertion(At, Indented(Enable, lineIndent(SM, At), false)));
      }
      if (!Ok) {
        U.Fixes.clear();
        continue;
      }
      // An insertion where a rename starts becomes part of that rename, so
      // the fix has no two edits at one offset (their order would be open).
      for (Replacement &Ins : Inserts) {
        bool Merged = false;
        for (Replacement &R : U.Fixes)
          if (R.File == Ins.File && R.Offset == Ins.Offset) {
            R.Text = Ins.Text + R.Text;
            Merged = true;
            break;
          }
        if (!Merged)
          U.Fixes.push_back(Ins);
      }
    }

    // Report every deprecated call.
    std::map<const MapSite *, Unit *> UnitOfMap;
    std::map<const UnmapSite *, Unit *> UnitOfUnmap;
    for (auto &UP : Units) {
      for (MapSite *M : UP->Maps)
        UnitOfMap[M] = UP.get();
      for (UnmapSite *Un : UP->Unmaps)
        UnitOfUnmap[Un] = UP.get();
    }
    auto NoteAt = [&](Finding &F, SourceLocation L, std::string Msg) {
      F.Notes.push_back({Ctx.pos(L), std::move(Msg)});
    };
    for (auto &M : Maps) {
      if (!IsDeprecatedUse(M->C))
        continue;
      Finding F = makeFinding(Ctx, M->C.NameLoc,
                              apiName(M->C) + " is deprecated; use '" +
                                  M->C.Entry->DeprecatedBy + "' instead");
      Unit *U = UnitOfMap.count(M.get()) ? UnitOfMap[M.get()] : nullptr;
      if (!U) {
        NoteAt(F, M->C.NameLoc,
               M->C.Entry->Map->Kind == MapKind::Global
                   ? "no fix-it: the address is not kept in a local variable, "
                     "and kunmap_local() needs it"
                   : "no fix-it: the address is not kept in a local variable "
                     "that the unmap can be matched with");
      } else if (!U->NoFix.empty()) {
        NoteAt(F, U->NoFixLoc, "no fix-it: " + U->NoFix);
      } else if (U->Maps.front() == M.get()) {
        F.Fixes = U->Fixes;
        for (UnmapSite *Un : U->Unmaps)
          NoteAt(F, Un->C.NameLoc,
                 "the fix-it converts the matching " + apiName(Un->C) +
                     " here to '" + Un->C.Entry->DeprecatedBy + "'");
        if (U->Kind == MapKind::Atomic) {
          if (U->Needs.Preempt)
            NoteAt(F, U->Needs.PreemptLoc,
                   U->Needs.PreemptWhy +
                       " relies on preemption being disabled, which " +
                       apiName(M->C) +
                       " implied; the fix-it keeps it disabled with "
                       "preempt_disable()/preempt_enable()");
          if (U->Needs.Pagefault)
            NoteAt(F, U->Needs.PagefaultLoc,
                   U->Needs.PagefaultWhy +
                       " relies on page faults being disabled, which " +
                       apiName(M->C) +
                       " implied; the fix-it keeps them disabled with "
                       "pagefault_disable()/pagefault_enable()");
          if (!U->Needs.Preempt && !U->Needs.Pagefault)
            NoteAt(F, M->C.NameLoc,
                   "the section relies neither on page faults nor on "
                   "preemption being disabled; the fix-it inserts no "
                   "pagefault_disable() or preempt_disable()");
        }
      } else {
        NoteAt(F, U->Maps.front()->C.NameLoc,
               "converted by the fix-it of the mapping here");
      }
      Ctx.report(std::move(F));
    }
    for (auto &Un : Unmaps) {
      if (!IsDeprecatedUse(Un->C))
        continue;
      std::string Msg = apiName(Un->C) + " is deprecated; use '" +
                        Un->C.Entry->DeprecatedBy + "'";
      Msg += Un->C.Entry->Unmap->ArgIsAddress
                 ? " instead"
                 : " on the mapped address instead";
      Finding F = makeFinding(Ctx, Un->C.NameLoc, Msg);
      Unit *U = UnitOfUnmap.count(Un.get()) ? UnitOfUnmap[Un.get()] : nullptr;
      if (!U)
        NoteAt(F, Un->C.NameLoc,
               Un->C.Entry->Unmap->ArgIsAddress
                   ? "no fix-it: the matching map is not in this function"
                   : "no fix-it: no kmap() of this page in this function keeps "
                     "its address in a local variable");
      else if (!U->NoFix.empty())
        NoteAt(F, U->NoFixLoc, "no fix-it: " + U->NoFix);
      else
        NoteAt(F, U->Maps.front()->C.NameLoc,
               "converted by the fix-it of the mapping created here");
      Ctx.report(std::move(F));
    }
  }
}

void DeprecatedApiCheck::beforeUnmap(PathContext &P, const ApiCall &AC,
                                     const UnmapTarget &T) {
  // At the kunmap() of kmap() mapping G: would kmap_local_page() in its
  // place be released out of stack order on this path?
  if (!T.Mapping || T.Mapping->Released || T.Mapping->Kind != MapKind::Global)
    return;
  const MappingView &G = *T.Mapping;
  const auto *MapCall = dyn_cast_or_null<CallExpr>(G.MapSite);
  if (!MapCall || OrderFacts.count(MapCall))
    return; // the first path found is the one shown
  OrderFact F;
  F.Unmap = AC.Call;
  std::vector<MappingView> All = P.allMappings();
  // A mapping made after G and still live would be released after it.
  unsigned Newest = 0;
  for (const MappingView &M : All)
    if (!M.Released && M.Seq > G.Seq && M.MapSite != G.MapSite &&
        M.Seq >= Newest) {
      Newest = M.Seq;
      F.Other = M.MapSite;
    }
  if (!F.Other) {
    // A local mapping live when G was made and released before it.
    if (P.liveLocals().size() >= G.LocalsBelow)
      return;
    unsigned Best = 0;
    for (const MappingView &M : All)
      if (M.Released && M.Kind != MapKind::Global && M.Seq < G.Seq &&
          M.Seq >= Best) {
        Best = M.Seq;
        F.Other = M.MapSite;
      }
    F.OtherReleasedFirst = true;
    if (!F.Other)
      return;
  }
  OrderFacts[MapCall] = F;
}

void DeprecatedApiCheck::onEscape(PathContext &P, const MappingView &M,
                                  const Stmt *Site) {
  // A kmap() address that leaves the function is no candidate for
  // kmap_local_page(), wherever the store is.
  if (M.Kind != MapKind::Global || M.Released || !M.Fn)
    return;
  const auto *MapCall = dyn_cast_or_null<CallExpr>(M.MapSite);
  if (!MapCall || EscapeFacts.count(MapCall))
    return;
  EscapeFact F;
  F.Store = Site;
  const StackFrameContext *SF = P.checker().getStackFrame();
  if (SF->getDecl() != M.Fn) {
    F.Callee = dyn_cast<FunctionDecl>(SF->getDecl());
    while (SF->getParent() &&
           SF->getParent()->getStackFrame()->getDecl() != M.Fn)
      SF = SF->getParent()->getStackFrame();
    F.CallSite = dyn_cast_or_null<Expr>(SF->getCallSite());
  }
  EscapeFacts[MapCall] = F;
}

} // namespace kmapcheck
