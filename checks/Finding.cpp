//===- Finding.cpp --------------------------------------------------------===//
#include "checks/Finding.h"
#include "llvm/ADT/STLExtras.h"
#include <algorithm>

namespace kmapcheck {

llvm::StringRef severityName(Severity S) {
  switch (S) {
  case Severity::Note:
    return "note";
  case Severity::Warning:
    return "warning";
  case Severity::Error:
    return "error";
  }
  return "warning";
}

bool parseSeverity(llvm::StringRef Text, Severity &Out) {
  if (Text == "note")
    Out = Severity::Note;
  else if (Text == "warning")
    Out = Severity::Warning;
  else if (Text == "error")
    Out = Severity::Error;
  else
    return false;
  return true;
}

bool findingLess(const Finding &A, const Finding &B) {
  return std::tie(A.Loc.File, A.Loc.Line, A.Loc.Column, A.CheckId, A.Message) <
         std::tie(B.Loc.File, B.Loc.Line, B.Loc.Column, B.CheckId, B.Message);
}

bool sameFinding(const Finding &A, const Finding &B) {
  return A.CheckId == B.CheckId && A.Loc == B.Loc && A.Message == B.Message;
}

void sortAndDedupe(std::vector<Finding> &Findings) {
  // Among duplicates (one report reached from several functions or TUs),
  // keep the one with the most context.
  std::stable_sort(Findings.begin(), Findings.end(),
                   [](const Finding &A, const Finding &B) {
                     if (findingLess(A, B))
                       return true;
                     if (findingLess(B, A))
                       return false;
                     return A.Notes.size() > B.Notes.size();
                   });
  Findings.erase(std::unique(Findings.begin(), Findings.end(), sameFinding),
                 Findings.end());
}

} // namespace kmapcheck
