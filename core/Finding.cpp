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

/// Whether the glob \p Pattern ('*' matches anything) matches \p Id.
static bool idMatches(llvm::StringRef Pattern, llvm::StringRef Id) {
  if (Pattern.empty())
    return Id.empty();
  if (Pattern[0] == '*') {
    for (size_t I = 0; I <= Id.size(); ++I)
      if (idMatches(Pattern.drop_front(), Id.drop_front(I)))
        return true;
    return false;
  }
  return !Id.empty() && Pattern[0] == Id[0] &&
         idMatches(Pattern.drop_front(), Id.drop_front());
}

/// The check lists of the \p Marker comments in \p Text: for each comment,
/// the column (0-based) of its list and the list; an empty list for a
/// comment without one (all checks).
static std::vector<std::pair<size_t, llvm::StringRef>>
markerLists(llvm::StringRef Text, llvm::StringRef Marker) {
  std::vector<std::pair<size_t, llvm::StringRef>> Out;
  size_t Pos = 0;
  while ((Pos = Text.find(Marker, Pos)) != llvm::StringRef::npos) {
    llvm::StringRef Rest = Text.substr(Pos + Marker.size());
    Pos += Marker.size();
    // NOKMAPCHECK must not match the start of NOKMAPCHECKNEXTLINE.
    if (Rest.starts_with("NEXTLINE"))
      continue;
    if (!Rest.starts_with("(")) {
      Out.push_back({Pos, ""});
      continue;
    }
    Out.push_back({Pos + 1, Rest.drop_front().take_until(
                                [](char C) { return C == ')'; })});
  }
  return Out;
}

static bool suppresses(llvm::StringRef Text, llvm::StringRef Marker,
                       llvm::StringRef Id) {
  for (auto [Col, List] : markerLists(Text, Marker)) {
    if (List.empty())
      return true;
    llvm::SmallVector<llvm::StringRef, 4> Ids;
    List.split(Ids, ',');
    for (llvm::StringRef X : Ids)
      if (idMatches(X.trim(), Id))
        return true;
  }
  return false;
}

std::vector<std::pair<unsigned, std::string>>
suppressionNames(llvm::StringRef Line) {
  std::vector<std::pair<unsigned, std::string>> Out;
  for (llvm::StringRef Marker : {"NOKMAPCHECKNEXTLINE", "NOKMAPCHECK"})
    for (auto [Col, List] : markerLists(Line, Marker)) {
      size_t Off = 0;
      while (!List.empty()) {
        auto [Item, Rest] = List.split(',');
        size_t Lead = Item.size() - Item.ltrim().size();
        if (!Item.trim().empty())
          Out.push_back({unsigned(Col + Off + Lead + 1), Item.trim().str()});
        Off += Item.size() + 1;
        List = Rest;
      }
    }
  return Out;
}

bool isSuppressed(llvm::StringRef Line, llvm::StringRef PrevLine,
                  llvm::StringRef Id) {
  return suppresses(Line, "NOKMAPCHECK", Id) ||
         suppresses(PrevLine, "NOKMAPCHECKNEXTLINE", Id);
}

} // namespace kmapcheck
