//===- Reachability.cpp - Which functions reach a modeled call ------------===//
#include "core/engine/Reachability.h"

#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace kmapcheck {

PathEngine::PathEngine(TUContext &Ctx, const std::vector<PathCheck *> &Checks)
    : Ctx(Ctx), Checks(Checks) {}
PathEngine::~PathEngine() = default;

bool PathEngine::reachesModeledCall(const FunctionDecl *FD) {
  if (!Reach)
    Reach = std::make_unique<ModeledCallReach>(*this);
  return Reach->reaches(FD);
}

const ModeledCallReach::BodyFacts &
ModeledCallReach::factsOf(const FunctionDecl *FD) {
  auto It = Facts.find(FD);
  if (It != Facts.end())
    return It->second;
  struct Visit : RecursiveASTVisitor<Visit> {
    PathEngine &E;
    BodyFacts &Out;
    bool AnyEffect;
    Visit(PathEngine &E, BodyFacts &Out, bool AnyEffect)
        : E(E), Out(Out), AnyEffect(AnyEffect) {}
    bool VisitCallExpr(CallExpr *CE) {
      if (AnyEffect) {
        const FunctionDecl *C = CE->getDirectCallee();
        const FunctionDecl *Def = C ? C->getDefinition() : nullptr;
        if (E.resolve(CE) || !C ||
            (!C->getBuiltinID() && (!Def || !Def->hasBody()))) {
          Out.Direct = true;
          return true;
        }
      }
      if (const auto &AC = E.resolve(CE)) {
        // Maps, unmaps, page-fault and preemption effects make a function
        // worth a path-sensitive analysis; a lone lock or sleep does not.
        const ApiEntry &Ent = *AC->Entry;
        if (Ent.Map || Ent.Unmap || Ent.hasEffect(Effect::PagefaultDisable) ||
            Ent.hasEffect(Effect::PagefaultEnable) ||
            Ent.hasEffect(Effect::PreemptDisable) ||
            Ent.hasEffect(Effect::PreemptEnable) || Ent.WaitsForIpi)
          Out.Direct = true;
        // A declared lock (rules/locks/).
        if (Ent.Lock && Ent.Lock->Arg >= 0 &&
            unsigned(Ent.Lock->Arg) < CE->getNumArgs())
          if (const NamedDecl *D = lockArgDecl(CE->getArg(Ent.Lock->Arg)))
            if (E.Ctx.locks().byName(D->getName()))
              Out.Direct = true;
        return true;
      }
      if (const FunctionDecl *FD = CE->getDirectCallee())
        Out.Callees.push_back(FD);
      return true;
    }
  };
  BodyFacts New;
  Visit V(E, New, AnyEffect);
  V.TraverseStmt(FD->getBody());
  return Facts[FD] = std::move(New);
}

bool ModeledCallReach::reachesDirectly(const FunctionDecl *FD) {
  FD = FD->getDefinition();
  return FD && FD->hasBody() && factsOf(FD).Direct;
}

bool ModeledCallReach::reaches(const FunctionDecl *FD) {
  // An explicit work list: a chain of thousands of static helpers must not
  // recurse thousands of frames deep, and each body is visited once.
  FD = FD->getDefinition();
  if (!FD || !FD->hasBody())
    return false;
  auto Known = Memo.find(FD);
  if (Known != Memo.end())
    return Known->second;
  // Depth-first over the callees not decided yet; a function is decided
  // when all its callees are, or as soon as one of them reaches.
  struct Frame {
    const FunctionDecl *FD;
    size_t Next = 0;
  };
  std::vector<Frame> Stack{{FD}};
  llvm::DenseMap<const FunctionDecl *, bool> OnStack{{FD, true}};
  bool Result = false;
  while (!Stack.empty()) {
    Frame &Fr = Stack.back();
    const BodyFacts &BF = factsOf(Fr.FD);
    bool Decided = BF.Direct;
    bool Value = BF.Direct;
    while (!Decided && Fr.Next < BF.Callees.size()) {
      const FunctionDecl *C = BF.Callees[Fr.Next]->getDefinition();
      if (!C || !C->hasBody() || OnStack.count(C)) {
        ++Fr.Next; // no body, or a cycle: reaches nothing through it
        continue;
      }
      auto M = Memo.find(C);
      if (M == Memo.end())
        break; // descend
      ++Fr.Next;
      if (M->second)
        Decided = Value = true;
    }
    if (!Decided && Fr.Next < BF.Callees.size()) {
      const FunctionDecl *C = BF.Callees[Fr.Next]->getDefinition();
      OnStack[C] = true;
      Stack.push_back({C});
      continue;
    }
    Memo[Fr.FD] = Value;
    OnStack.erase(Fr.FD);
    Result = Value;
    Stack.pop_back();
  }
  return Result;
}

const std::vector<const FunctionDecl *> &
PathEngine::calleesOf(const FunctionDecl *FD) {
  auto It = CalleeMemo.find(FD);
  if (It != CalleeMemo.end())
    return It->second;
  struct Collect : RecursiveASTVisitor<Collect> {
    std::vector<const FunctionDecl *> Out;
    bool VisitCallExpr(CallExpr *CE) {
      if (const FunctionDecl *C = CE->getDirectCallee())
        if (const FunctionDecl *Def = C->getDefinition())
          Out.push_back(Def);
      return true;
    }
  } Col;
  if (FD->getBody())
    Col.TraverseStmt(FD->getBody());
  return CalleeMemo[FD] = std::move(Col.Out);
}

bool PathEngine::reachesEffect(const FunctionDecl *FD, Effect Ef,
                               bool DirectOnly, bool IgnoreMappings) {
  auto Key =
      std::make_pair(FD, unsigned(Ef) * 4 + DirectOnly + 2 * IgnoreMappings);
  auto It = EffectMemo.find(Key);
  if (It != EffectMemo.end())
    return It->second;
  EffectMemo[Key] = false; // recursion guard
  bool R = false;
  const TUIndex &Index = Ctx.index();
  auto Calls = Index.CallsApi.find(FD);
  if (Calls != Index.CallsApi.end())
    for (const CallExpr *CE : Calls->second)
      if (const auto &AC = resolve(CE))
        R |= AC->Entry->hasEffect(Ef) &&
             !(IgnoreMappings && (AC->Entry->Map || AC->Entry->Unmap));
  if (!R && !DirectOnly)
    for (const FunctionDecl *C : calleesOf(FD)) {
      if (C->getIdentifier() && Ctx.api().isModeled(C->getName()))
        continue; // the model's bodies are not the client's
      if (reachesEffect(C, Ef, /*DirectOnly=*/false, IgnoreMappings)) {
        R = true;
        break;
      }
    }
  return EffectMemo[Key] = R;
}

} // namespace kmapcheck
