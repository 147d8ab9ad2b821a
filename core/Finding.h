//===- Finding.h - What a check reports -------------------------*- C++ -*-===//
//
// Checks never print. They emit Findings; the renderers in tool/ own formats.
// A Finding is self-contained (plain strings and numbers, no SourceManager) so
// it can outlive the translation unit it came from and be merged across TUs.
//
//===----------------------------------------------------------------------===//
#ifndef KMAPCHECK_CORE_FINDING_H
#define KMAPCHECK_CORE_FINDING_H

#include "llvm/ADT/StringRef.h"
#include <string>
#include <tuple>
#include <vector>

namespace kmapcheck {

enum class Severity { Note, Warning, Error };

llvm::StringRef severityName(Severity S);
/// Parses "note", "warning", "error"; returns false on anything else.
bool parseSeverity(llvm::StringRef Text, Severity &Out);

struct SourcePos {
  std::string File; // absolute path as the compile database names it
  unsigned Line = 0;
  unsigned Column = 0;
  unsigned Offset = 0; // byte offset in File

  bool valid() const { return !File.empty() && Line != 0; }
  friend bool operator<(const SourcePos &A, const SourcePos &B) {
    return std::tie(A.File, A.Line, A.Column) <
           std::tie(B.File, B.Line, B.Column);
  }
  friend bool operator==(const SourcePos &A, const SourcePos &B) {
    return std::tie(A.File, A.Line, A.Column) ==
           std::tie(B.File, B.Line, B.Column);
  }
};

struct FindingNote {
  SourcePos Loc; // may be invalid for a note without a location
  std::string Message;
};

/// One textual replacement, in clang-apply-replacements terms.
struct Replacement {
  std::string File;
  unsigned Offset = 0;
  unsigned Length = 0;
  std::string Text;

  friend bool operator<(const Replacement &A, const Replacement &B) {
    return std::tie(A.File, A.Offset, A.Length, A.Text) <
           std::tie(B.File, B.Offset, B.Length, B.Text);
  }
  friend bool operator==(const Replacement &A, const Replacement &B) {
    return std::tie(A.File, A.Offset, A.Length, A.Text) ==
           std::tie(B.File, B.Offset, B.Length, B.Text);
  }
};

struct Finding {
  std::string CheckId;
  Severity Level = Severity::Warning;
  SourcePos Loc;
  /// Just past the reported token (exclusive end of the region).
  SourcePos End;
  std::string Message;
  std::vector<FindingNote> Notes;
  /// All replacements of one fix; applied all together or not at all.
  std::vector<Replacement> Fixes;
  /// Filled by the tool after the checks ran, never by a check: the name of
  /// the function that holds Loc (empty at file scope) ...
  std::string Function;
  /// ... and the stable fingerprint computed after the merge
  /// (tool/Fingerprint.h), used by baselines and the CI formats.
  std::string Fingerprint;
};

/// The deterministic report order: file, line, column, check id, message.
bool findingLess(const Finding &A, const Finding &B);
/// Two findings are the same report (e.g. one header seen by many TUs).
bool sameFinding(const Finding &A, const Finding &B);

/// Sorts and removes duplicates.
void sortAndDedupe(std::vector<Finding> &Findings);

/// True when \p Line (the source line of a finding) or \p PrevLine
/// suppresses check \p Id: "NOKMAPCHECK" or "NOKMAPCHECK(id, ...)" on the
/// line, "NOKMAPCHECKNEXTLINE" or "NOKMAPCHECKNEXTLINE(id, ...)" on the line
/// before; an id may be a glob ("kmap-*"). A reason may follow, as with
/// clang-tidy's NOLINT.
bool isSuppressed(llvm::StringRef Line, llvm::StringRef PrevLine,
                  llvm::StringRef Id);

/// The check names (globs) listed by the suppression comments of \p Line,
/// each with its 1-based column.
std::vector<std::pair<unsigned, std::string>>
suppressionNames(llvm::StringRef Line);

} // namespace kmapcheck

#endif
