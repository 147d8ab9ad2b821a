//===- LockModel.cpp - Name lookups over rules/locks/ ---------------------===//
#include "core/LockModel.h"

namespace kmapcheck {

LockModel::LockModel(const std::vector<LockDecl> &D) : Decls(D) {
  // The first declaration of a name wins, as the linear scans did.
  for (const LockDecl &L : Decls) {
    ByName.try_emplace(L.Name, &L);
    for (const std::string &V : L.GuardedVariables)
      ByVariable.try_emplace(V, &L);
    for (const std::string &F : L.GuardedFields)
      ByField.try_emplace(F, &L);
    for (const auto &[Read, Write] : L.Accessors) {
      ByAccessor.try_emplace(Write, LockAccessor{&L, true, Read});
      ByAccessor.try_emplace(Read, LockAccessor{&L, false, Read});
    }
  }
}

const LockDecl *LockModel::byName(llvm::StringRef Name) const {
  return ByName.lookup(Name);
}

const LockDecl *LockModel::guarding(llvm::StringRef Name) const {
  if (const LockDecl *L = ByVariable.lookup(Name))
    return L;
  return ByField.lookup(Name);
}

LockAccessor LockModel::accessor(llvm::StringRef Fn) const {
  auto It = ByAccessor.find(Fn);
  return It == ByAccessor.end() ? LockAccessor() : It->second;
}

} // namespace kmapcheck
