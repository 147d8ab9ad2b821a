//===- ApiModel.cpp -------------------------------------------------------===//
#include "core/ApiModel.h"
#include "llvm/ADT/STLExtras.h"

namespace kmapcheck {

static const std::pair<llvm::StringRef, Effect> EffectNames[] = {
    {"pagefault_disable", Effect::PagefaultDisable},
    {"pagefault_enable", Effect::PagefaultEnable},
    {"preempt_disable", Effect::PreemptDisable},
    {"preempt_enable", Effect::PreemptEnable},
    {"irq_disable", Effect::IrqDisable},
    {"irq_enable", Effect::IrqEnable},
    {"irq_save", Effect::IrqSave},
    {"irq_restore", Effect::IrqRestore},
};

bool parseEffect(llvm::StringRef Text, Effect &Out) {
  for (const auto &P : EffectNames)
    if (P.first == Text) {
      Out = P.second;
      return true;
    }
  return false;
}

llvm::StringRef effectName(Effect E) {
  for (const auto &P : EffectNames)
    if (P.second == E)
      return P.first;
  return "";
}

static const std::pair<llvm::StringRef, MapKind> MapKindNames[] = {
    {"local", MapKind::Local},
    {"atomic", MapKind::Atomic},
    {"global", MapKind::Global}};

llvm::StringRef mapKindName(MapKind K) {
  for (const auto &P : MapKindNames)
    if (P.second == K)
      return P.first;
  return "";
}

bool parseMapKind(llvm::StringRef Text, MapKind &Out) {
  for (const auto &P : MapKindNames)
    if (P.first == Text) {
      Out = P.second;
      return true;
    }
  return false;
}

bool ApiEntry::hasNeed(AtomicNeed N) const {
  return llvm::is_contained(NeedsAtomic, N);
}
bool ApiEntry::hasEffect(Effect E) const {
  return llvm::is_contained(Effects, E);
}

void ApiModel::add(ApiEntry E) {
  auto It = ByName.find(E.Name);
  if (It != ByName.end()) {
    Entries[It->second] = std::move(E);
    return;
  }
  ByName[E.Name] = Entries.size();
  Entries.push_back(std::move(E));
}

void ApiModel::finalize() {
  Patterns.clear();
  ByCallee.clear();
  for (size_t I = 0; I < Entries.size(); ++I) {
    const ApiEntry &E = Entries[I];
    if (llvm::StringRef(E.Name).ends_with("*"))
      Patterns.push_back(I);
    for (const std::string &C : E.Callees)
      ByCallee[C].push_back(&Entries[I]);
  }
}

const ApiEntry *ApiModel::lookupName(llvm::StringRef Name) const {
  auto It = ByName.find(Name);
  if (It != ByName.end())
    return &Entries[It->second];
  for (size_t I : Patterns) {
    llvm::StringRef Prefix = llvm::StringRef(Entries[I].Name).drop_back();
    if (Name.starts_with(Prefix))
      return &Entries[I];
  }
  return nullptr;
}

llvm::ArrayRef<const ApiEntry *>
ApiModel::macrosExpandingTo(llvm::StringRef Callee) const {
  auto It = ByCallee.find(Callee);
  if (It == ByCallee.end())
    return {};
  return It->second;
}

bool ApiModel::isModeled(llvm::StringRef FunctionName) const {
  return lookupName(FunctionName) || ByCallee.count(FunctionName);
}

bool ApiModel::bodyIsModel(llvm::StringRef FunctionName) const {
  const ApiEntry *E = lookupName(FunctionName);
  if (!E) {
    auto Macros = macrosExpandingTo(FunctionName);
    if (Macros.empty())
      return false;
    E = Macros.front();
  }
  // Maps, unmaps, effects and lock operations are implemented by the model.
  if (E->Map || E->Unmap || E->SelfContained || !E->Effects.empty() || E->Lock)
    return true;
  bool ClientProperty = E->UserCopy || !E->NeedsAtomic.empty() ||
                        E->MightSleep || E->SleepGfpArg >= 0 ||
                        E->WaitsForIpi || !E->EscapesArgs.empty() ||
                        !E->Advances.empty() || E->Moves ||
                        !E->HandsOff.empty();
  return !ClientProperty;
}

} // namespace kmapcheck
