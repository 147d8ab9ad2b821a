//===- Finding.cpp --------------------------------------------------------===//
#include "core/Finding.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
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

static bool suppresses(llvm::StringRef Text, llvm::StringRef Marker,
                       llvm::StringRef Id) {
  size_t Pos = 0;
  while ((Pos = Text.find(Marker, Pos)) != llvm::StringRef::npos) {
    llvm::StringRef Rest = Text.substr(Pos + Marker.size());
    Pos += Marker.size();
    // NOKMAPCHECK must not match the start of NOKMAPCHECKNEXTLINE.
    if (Rest.starts_with("NEXTLINE"))
      continue;
    if (!Rest.starts_with("("))
      return true;
    llvm::StringRef List =
        Rest.drop_front().take_until([](char C) { return C == ')'; });
    llvm::SmallVector<llvm::StringRef, 4> Ids;
    List.split(Ids, ',');
    for (llvm::StringRef X : Ids)
      if (X.trim() == Id || X.trim() == "*")
        return true;
  }
  return false;
}

bool isSuppressed(llvm::StringRef Line, llvm::StringRef PrevLine,
                  llvm::StringRef Id) {
  return suppresses(Line, "NOKMAPCHECK", Id) ||
         suppresses(PrevLine, "NOKMAPCHECKNEXTLINE", Id);
}

} // namespace kmapcheck
