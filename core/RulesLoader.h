//===- RulesLoader.h - Loading rules/ YAML ----------------------*- C++ -*-===//
//
// The only interface to yaml-cpp. The implementation is compiled with
// exceptions; everything it reports reaches callers as llvm::Error with
// "file:line:column: what was expected".
//
//===----------------------------------------------------------------------===//
#ifndef KMAPCHECK_CORE_RULESLOADER_H
#define KMAPCHECK_CORE_RULESLOADER_H

#include "core/ApiModel.h"
#include "core/Finding.h"
#include "llvm/Support/Error.h"
#include <map>
#include <string>
#include <vector>

namespace kmapcheck {

struct CheckOption {
  std::string Name;
  std::string Default;
  std::string Description;
  /// "bool" (true/false), "unsigned" (a non-negative integer) or "string";
  /// from the option's 'type', else inferred from its default.
  std::string Type = "string";
};

/// Whether \p Value is a valid value of an option of type \p Type; if not,
/// \p Expected says what is.
bool checkOptionValue(llvm::StringRef Type, llvm::StringRef Value,
                      std::string &Expected);

/// rules/checks/<id>.yaml
struct CheckSpec {
  std::string Id;
  Severity Level = Severity::Warning;
  std::string Summary;
  std::string Description;
  std::vector<CheckOption> Options;
  std::string BadExample;
  std::string GoodExample;
  std::string SourceFile;
  unsigned IdLine = 1, IdColumn = 1;
};

/// rules/locks/*.yaml: a lock, how it is taken, when with IRQs off, and the
/// data it guards.
struct LockDecl {
  std::string Name;                    // the lock variable or field: kmap_lock
  std::vector<std::string> TakenBy;    // lock_kmap, lock_kmap_any
  std::vector<std::string> ReleasedBy; // unlock_kmap, unlock_kmap_any
  std::vector<std::string> IrqOffIn; // configurations: ARCH_NEEDS_KMAP_HIGH_GET
  std::vector<std::string> GuardedVariables; // pkmap_count, last_pkmap_nr
  std::vector<std::string> GuardedFields;
  /// Calls that read guarded data, with the calls that write the same data:
  /// page_address(page) / set_page_address(page, ...).
  std::vector<std::pair<std::string, std::string>> Accessors;
  std::string SourceFile;
  unsigned Line = 0;
};

struct RuleSet {
  ApiModel Api;
  std::vector<LockDecl> Locks;
  std::map<std::string, CheckSpec> Checks; // by id
};

/// Parses one API model file into \p Model.
llvm::Error loadApiFile(llvm::StringRef Path, llvm::StringRef Contents,
                        ApiModel &Model);
/// Parses one check file.
llvm::Expected<CheckSpec> loadCheckFile(llvm::StringRef Path,
                                        llvm::StringRef Contents);

/// Parses one lock declaration file.
llvm::Error loadLocksFile(llvm::StringRef Path, llvm::StringRef Contents,
                          std::vector<LockDecl> &Out);

/// Loads <dir>/api/*.yaml, <dir>/locks/*.yaml and <dir>/checks/*.yaml from each
/// directory in order; later directories extend or override earlier ones. A
/// check file must be named after its id.
llvm::Expected<RuleSet> loadRules(llvm::ArrayRef<std::string> Dirs);

} // namespace kmapcheck

#endif
