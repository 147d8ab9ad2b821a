//===- ProjectConfig.h - .kmapcheck.yaml ------------------------*- C++ -*-===//
//
// A tree's own configuration, found upward from each analysed file as
// .clang-tidy is (the nearest one wins), or named with --config-file:
//
//   Checks: '-*,kmap-*'                 # clang-tidy globs (or a list)
//   CheckOptions:                       # check.option: value
//     kmap-stack-depth.KM_MAX_IDX: 8
//   WarningsAsErrors: 'kmap-leak'       # globs: these findings are errors
//   HeaderFilterRegex: '^.*/include/'   # findings outside the TU's own file
//                                       # are kept only in matching paths
//   ExcludePaths: ['drivers/staging/*'] # globs relative to the file's
//                                       # directory ('*' crosses '/')
//   RulesDirs: ['tools/kmapcheck']      # the tree's wrappers (api/,
//                                       # checks/, locks/), relative to it
//
// Command-line options win over the file. Errors are positioned.
//
//===----------------------------------------------------------------------===//
#ifndef KMAPCHECK_TOOL_PROJECTCONFIG_H
#define KMAPCHECK_TOOL_PROJECTCONFIG_H

#include "core/Finding.h"
#include "tool/CheckFilter.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kmapcheck {

inline constexpr const char *ProjectConfigName = ".kmapcheck.yaml";

struct ProjectConfig {
  std::string File; // the file it was read from; empty: none
  std::string Dir;  // its directory (absolute)
  std::optional<std::string> Checks;
  std::map<std::string, std::string> CheckOptions;
  std::optional<std::string> WarningsAsErrors;
  std::optional<std::string> HeaderFilterRegex;
  std::vector<std::string> ExcludePaths;
  std::vector<std::string> RulesDirs; // absolute
  /// "file:line:column" of Checks and WarningsAsErrors, for errors.
  std::string ChecksAt, WarningsAsErrorsAt;

  /// Checks the globs against the registered check ids; errors are
  /// positioned at the key's value.
  llvm::Error validate(llvm::ArrayRef<std::string> Ids);

  /// True when \p AbsFile matches one of ExcludePaths.
  bool excluded(llvm::StringRef AbsFile) const;
  /// Drops the findings the file filters out (HeaderFilterRegex outside
  /// \p MainFile, ExcludePaths) and makes WarningsAsErrors findings errors.
  void applyToFindings(std::vector<Finding> &Findings,
                       llvm::StringRef MainFile) const;
  /// The configuration as YAML, readable by parseProjectConfig().
  std::string dump() const;

private:
  std::optional<CheckFilter> WarningsAsErrorsFilter;
};

llvm::Expected<ProjectConfig> parseProjectConfig(llvm::StringRef Path,
                                                 llvm::StringRef Contents);
llvm::Expected<ProjectConfig> loadProjectConfig(llvm::StringRef Path);

/// The nearest .kmapcheck.yaml at or above the directory of \p File (or \p
/// File itself when it is a directory); empty when there is none.
std::string findProjectConfig(llvm::StringRef File);

/// Loads each configuration once.
class ProjectConfigs {
public:
  /// The configuration for \p File: \p Explicit when given, else the nearest
  /// one; null when there is none.
  llvm::Expected<const ProjectConfig *> forFile(llvm::StringRef File,
                                                llvm::StringRef Explicit);

private:
  llvm::StringMap<std::unique_ptr<ProjectConfig>> ByPath;
  llvm::StringMap<std::string> DirToPath;
};

} // namespace kmapcheck

#endif
