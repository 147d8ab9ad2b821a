//===- LockModel.h - The locks of rules/locks/ and their data ---*- C++ -*-===//
//
// rules/locks/*.yaml declares locks by variable or field name (kmap_lock),
// the configurations that take them with IRQs off, and the data they guard:
// variables, fields and accessor pairs (page_address/set_page_address).
// LockModel answers the questions the engine and the checks ask of them by
// name, in one lookup each.
//
//===----------------------------------------------------------------------===//
#ifndef KMAPCHECK_CORE_LOCKMODEL_H
#define KMAPCHECK_CORE_LOCKMODEL_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <utility>
#include <vector>

namespace kmapcheck {

/// rules/locks/*.yaml: a lock, how it is taken, when with IRQs off, and the
/// data it guards.
struct LockDecl {
  std::string Name;                  // the lock variable or field: kmap_lock
  std::vector<std::string> IrqOffIn; // configurations: ARCH_NEEDS_KMAP_HIGH_GET
  std::vector<std::string> GuardedVariables; // pkmap_count, last_pkmap_nr
  std::vector<std::string> GuardedFields;
  /// Calls that read guarded data, with the calls that write the same data:
  /// page_address(page) / set_page_address(page, ...).
  std::vector<std::pair<std::string, std::string>> Accessors;
  /// A page fault on a user address takes this lock (mmap_lock): a user
  /// copy that may fault while it is held must fail fast instead.
  bool TakenByPageFaults = false;
  std::string SourceFile;
  unsigned Line = 0;
};

/// A guarded-data accessor: the lock, whether the call writes, and the name
/// of the reading accessor of the same data.
struct LockAccessor {
  const LockDecl *Lock = nullptr;
  bool IsWrite = false;
  llvm::StringRef Read;
};

class LockModel {
public:
  LockModel() = default;
  explicit LockModel(const std::vector<LockDecl> &Decls);

  bool empty() const { return Decls.empty(); }
  llvm::ArrayRef<LockDecl> decls() const { return Decls; }
  /// The lock declared under \p Name, or null.
  const LockDecl *byName(llvm::StringRef Name) const;
  /// The lock guarding variable \p Name (or, failing that, field \p Name).
  const LockDecl *guarding(llvm::StringRef Name) const;
  /// The lock whose accessor (read or write) is function \p Fn.
  LockAccessor accessor(llvm::StringRef Fn) const;

private:
  llvm::ArrayRef<LockDecl> Decls;
  llvm::StringMap<const LockDecl *> ByName, ByVariable, ByField;
  llvm::StringMap<LockAccessor> ByAccessor;
};

} // namespace kmapcheck

#endif
