//===- CheckFilter.cpp ----------------------------------------------------===//
#include "tool/CheckFilter.h"
#include "llvm/ADT/StringExtras.h"

namespace kmapcheck {

bool globMatches(llvm::StringRef P, llvm::StringRef T) {
  if (P.empty())
    return T.empty();
  if (P[0] == '*') {
    for (size_t I = 0; I <= T.size(); ++I)
      if (globMatches(P.drop_front(), T.drop_front(I)))
        return true;
    return false;
  }
  return !T.empty() && P[0] == T[0] &&
         globMatches(P.drop_front(), T.drop_front());
}

std::string closestName(llvm::StringRef Name,
                        llvm::ArrayRef<std::string> Known) {
  std::string Best;
  unsigned BestD = ~0u;
  for (const std::string &K : Known) {
    unsigned D = Name.edit_distance(K);
    if (D < BestD) {
      BestD = D;
      Best = K;
    }
  }
  if (BestD > std::max<size_t>(3, Name.size() / 3))
    return "";
  return Best;
}

llvm::Expected<CheckFilter>
CheckFilter::parse(llvm::StringRef Spec, llvm::ArrayRef<std::string> Known) {
  CheckFilter F;
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Spec.split(Parts, ',', -1, false);
  for (llvm::StringRef P : Parts) {
    P = P.trim();
    if (P.empty())
      continue;
    Glob G;
    G.Positive = !P.consume_front("-");
    G.Pattern = P.str();
    if (!P.contains('*')) {
      bool Found = false;
      for (const std::string &K : Known)
        Found |= K == P;
      if (!Found) {
        std::string Msg = "unknown check '" + P.str() + "' in --checks";
        std::string S = closestName(P, Known);
        if (!S.empty())
          Msg += "; did you mean '" + S + "'?";
        else
          Msg += "; --list-checks shows the known ones";
        return llvm::createStringError(llvm::inconvertibleErrorCode(), Msg);
      }
    }
    F.Globs.push_back(G);
  }
  return F;
}

bool CheckFilter::enabled(llvm::StringRef Id) const {
  bool On = false;
  for (const Glob &G : Globs)
    if (globMatches(G.Pattern, Id))
      On = G.Positive;
  return On;
}

} // namespace kmapcheck
