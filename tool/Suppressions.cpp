//===- Suppressions.cpp ---------------------------------------------------===//
#include "tool/Suppressions.h"
#include "tool/CheckFilter.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/GlobPattern.h"

namespace kmapcheck {

namespace {
/// The reason after a marker: the rest of the comment, without leading
/// punctuation and a closing "*/".
std::string reasonOf(llvm::StringRef Rest) {
  size_t Close = Rest.find("*/");
  if (Close != llvm::StringRef::npos)
    Rest = Rest.take_front(Close);
  Rest = Rest.trim();
  Rest = Rest.ltrim(":-;, \t");
  return Rest.trim().str();
}

/// The ids of \p List, which starts at 0-based column \p At of its line,
/// with their 1-based columns.
std::vector<std::string> splitIds(llvm::StringRef List, size_t At,
                                  std::vector<unsigned> &Columns) {
  std::vector<std::string> Ids;
  size_t Pos = 0;
  while (Pos <= List.size()) {
    size_t Comma = List.find(',', Pos);
    if (Comma == llvm::StringRef::npos)
      Comma = List.size();
    llvm::StringRef Part = List.slice(Pos, Comma);
    llvm::StringRef T = Part.ltrim();
    size_t Lead = Part.size() - T.size();
    T = T.rtrim();
    if (!T.empty()) {
      Ids.push_back(T.str());
      Columns.push_back(At + Pos + Lead + 1);
    }
    Pos = Comma + 1;
  }
  return Ids;
}

bool idMatches(llvm::StringRef Pattern, llvm::StringRef Id) {
  if (Pattern == Id || Pattern == "*" || Pattern == "all")
    return true;
  if (!Pattern.contains('*') && !Pattern.contains('?'))
    return false;
  auto G = llvm::GlobPattern::create(Pattern);
  if (!G) {
    llvm::consumeError(G.takeError());
    return false;
  }
  return G->match(Id);
}

bool coversId(const Suppression &S, llvm::StringRef Id) {
  if (S.Ids.empty())
    return true;
  return llvm::any_of(S.Ids,
                      [&](const std::string &P) { return idMatches(P, Id); });
}

Finding problem(const std::string &File, unsigned Line, unsigned Col,
                Severity Level, const char *Id, std::string Message) {
  Finding F;
  F.CheckId = Id;
  F.Level = Level;
  F.Loc.File = File;
  F.Loc.Line = Line;
  F.Loc.Column = Col;
  F.End = F.Loc;
  F.Message = std::move(Message);
  return F;
}

std::string idsText(const std::vector<std::string> &Ids) {
  return llvm::join(Ids, ", ");
}
} // namespace

void SuppressionIndex::scan(const std::string &File, SourceLines &Lines) {
  if (!Scanned.insert(File).second)
    return;
  unsigned N = Lines.lineCount(File);
  std::vector<size_t> Open; // indices of BEGIN items without END yet
  for (unsigned L = 1; L <= N; ++L) {
    llvm::StringRef Text = Lines.line(File, L);
    // NOKMAPCHECK forms.
    size_t Pos = 0;
    while ((Pos = Text.find("NOKMAPCHECK", Pos)) != llvm::StringRef::npos) {
      size_t MarkerStart = Pos;
      llvm::StringRef Rest = Text.substr(Pos + strlen("NOKMAPCHECK"));
      Pos += strlen("NOKMAPCHECK");
      Suppression S;
      S.Loc.File = File;
      S.Loc.Line = L;
      S.Loc.Column = MarkerStart + 1;
      bool IsEnd = false;
      if (Rest.consume_front("NEXTLINE")) {
        S.Kind = Suppression::NextLine;
        S.Marker = "NOKMAPCHECKNEXTLINE";
      } else if (Rest.consume_front("BEGIN")) {
        S.Kind = Suppression::Begin;
        S.Marker = "NOKMAPCHECKBEGIN";
      } else if (Rest.consume_front("END")) {
        IsEnd = true;
        S.Marker = "NOKMAPCHECKEND";
      } else {
        S.Kind = Suppression::SameLine;
        S.Marker = "NOKMAPCHECK";
      }
      if (!Rest.empty() && (llvm::isAlnum(Rest.front()) || Rest.front() == '_'))
        continue; // part of a longer word
      if (Rest.consume_front("(")) {
        size_t Close = Rest.find(')');
        if (Close == llvm::StringRef::npos) {
          Problems.push_back(problem(File, L, S.Loc.Column, Severity::Error,
                                     SuppressionCheckId,
                                     S.Marker + "( has no closing ')'"));
          continue;
        }
        S.Ids = splitIds(Rest.take_front(Close), Text.size() - Rest.size(),
                         S.IdColumns);
        Rest = Rest.drop_front(Close + 1);
      }
      S.Reason = reasonOf(Rest);
      if (IsEnd) {
        // Closes the innermost BEGIN with the same ids.
        auto It = llvm::find_if(llvm::reverse(Open), [&](size_t I) {
          return Items[I].Ids == S.Ids;
        });
        if (It == Open.rend()) {
          Problems.push_back(problem(
              File, L, S.Loc.Column, Severity::Error, SuppressionCheckId,
              "NOKMAPCHECKEND" +
                  (S.Ids.empty() ? std::string() : "(" + idsText(S.Ids) + ")") +
                  " without a matching NOKMAPCHECKBEGIN"));
          continue;
        }
        Items[*It].LastLine = L;
        Open.erase(std::next(It).base());
        continue;
      }
      switch (S.Kind) {
      case Suppression::SameLine:
        S.FirstLine = S.LastLine = L;
        break;
      case Suppression::NextLine:
        S.FirstLine = S.LastLine = L + 1;
        break;
      default:
        S.FirstLine = L;
        S.LastLine = 0; // set by END
        Open.push_back(Items.size());
        break;
      }
      Items.push_back(std::move(S));
    }
    // CodeChecker: "// codechecker_suppress [id, ...] reason" above the code.
    for (llvm::StringRef M :
         {"codechecker_suppress", "codechecker_false_positive",
          "codechecker_intentional"}) {
      size_t At = Text.find(M);
      if (At == llvm::StringRef::npos)
        continue;
      llvm::StringRef Rest = Text.substr(At + M.size()).ltrim();
      Suppression S;
      S.Kind = Suppression::CodeChecker;
      S.Marker = M.str();
      S.Loc.File = File;
      S.Loc.Line = L;
      S.Loc.Column = At + 1;
      if (!Rest.consume_front("[")) {
        Problems.push_back(problem(File, L, S.Loc.Column, Severity::Error,
                                   SuppressionCheckId,
                                   M.str() + " expects '[check-id] reason'"));
        continue;
      }
      size_t Close = Rest.find(']');
      if (Close == llvm::StringRef::npos) {
        Problems.push_back(problem(File, L, S.Loc.Column, Severity::Error,
                                   SuppressionCheckId,
                                   M.str() + " [ has no closing ']'"));
        continue;
      }
      S.Ids = splitIds(Rest.take_front(Close), Text.size() - Rest.size(),
                       S.IdColumns);
      S.Reason = reasonOf(Rest.drop_front(Close + 1));
      // The next line that is not itself part of the comment.
      unsigned T = L + 1;
      while (T <= N && Lines.line(File, T).ltrim().starts_with("//"))
        ++T;
      S.FirstLine = S.LastLine = T;
      Items.push_back(std::move(S));
    }
  }
  for (size_t I : Open) {
    Suppression &S = Items[I];
    Problems.push_back(problem(
        File, S.Loc.Line, S.Loc.Column, Severity::Error, SuppressionCheckId,
        "NOKMAPCHECKBEGIN" +
            (S.Ids.empty() ? std::string() : "(" + idsText(S.Ids) + ")") +
            " without a matching NOKMAPCHECKEND"));
    S.LastLine = S.FirstLine; // covers nothing more than its own line
  }
}

bool SuppressionIndex::suppresses(const Finding &F) {
  bool Hit = false;
  for (Suppression &S : Items)
    if (S.Loc.File == F.Loc.File && S.FirstLine <= F.Loc.Line &&
        F.Loc.Line <= S.LastLine && coversId(S, F.CheckId)) {
      ++S.Used;
      Hit = true;
    }
  return Hit;
}

unsigned SuppressionIndex::apply(std::vector<Finding> &Findings) {
  size_t Before = Findings.size();
  llvm::erase_if(Findings, [&](const Finding &F) {
    // The diagnostics about suppressions cannot be suppressed.
    if (F.CheckId == SuppressionCheckId ||
        F.CheckId == UnusedSuppressionCheckId)
      return false;
    return suppresses(F);
  });
  return Before - Findings.size();
}

std::vector<std::string> SuppressionIndex::unknownCheckWarnings(
    llvm::ArrayRef<std::string> Known) const {
  std::vector<std::tuple<std::string, unsigned, unsigned, std::string>> Out;
  for (const Suppression &S : Items)
    for (size_t I = 0; I < S.Ids.size(); ++I) {
      const std::string &Id = S.Ids[I];
      if (Id == "all" || llvm::any_of(Known, [&](const std::string &K) {
            return idMatches(Id, K);
          }))
        continue;
      std::string Close = closestName(Id, Known);
      Out.emplace_back(S.Loc.File, S.Loc.Line, S.IdColumns[I],
                       "warning: the suppression names unknown check '" + Id +
                           "'" +
                           (Close.empty() ? std::string()
                                          : "; did you mean '" + Close + "'?") +
                           " [kmapcheck]");
    }
  llvm::sort(Out);
  std::vector<std::string> Lines;
  for (const auto &[File, Line, Col, Msg] : Out)
    Lines.push_back(File + ":" + std::to_string(Line) + ":" +
                    std::to_string(Col) + ": " + Msg);
  return Lines;
}

std::vector<Finding> SuppressionIndex::diagnostics(
    bool RequireReason, bool ReportUnused,
    llvm::function_ref<bool(llvm::StringRef)> IsEnabled) const {
  std::vector<Finding> Out = Problems;
  for (const Suppression &S : Items) {
    std::string What =
        S.Marker + (S.Ids.empty() ? std::string()
                                  : (S.Kind == Suppression::CodeChecker
                                         ? " [" + idsText(S.Ids) + "]"
                                         : "(" + idsText(S.Ids) + ")"));
    if (RequireReason && S.Reason.empty())
      Out.push_back(problem(S.Loc.File, S.Loc.Line, S.Loc.Column,
                            Severity::Error, SuppressionCheckId,
                            What + " has no reason; say why the finding is "
                                   "accepted after the marker "
                                   "(--require-suppression-reason)"));
    if (ReportUnused && !S.Used) {
      bool Relevant =
          S.Ids.empty() || llvm::any_of(S.Ids, [&](const std::string &Id) {
            return Id.find_first_of("*?") != std::string::npos || Id == "all" ||
                   IsEnabled(Id);
          });
      if (Relevant)
        Out.push_back(problem(S.Loc.File, S.Loc.Line, S.Loc.Column,
                              Severity::Warning, UnusedSuppressionCheckId,
                              What + " silenced no finding"));
    }
  }
  return Out;
}

} // namespace kmapcheck
