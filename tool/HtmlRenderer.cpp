//===- HtmlRenderer.cpp - A static, self-contained HTML report ------------===//
//
// index.html groups the findings by check and by file, with counts and two
// filters (a few lines of plain script, no framework, no network); one page
// per finding shows the source with the path steps numbered in the margin,
// the map site, the release or return, and the fix-it as a diff.
//
//===----------------------------------------------------------------------===//
#include "tool/CiRenderers.h"
#include "tool/Fingerprint.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ToolOutputFile.h"
#include <map>

namespace kmapcheck {

namespace {
std::string esc(llvm::StringRef S) {
  std::string Out;
  for (char C : S) {
    switch (C) {
    case '&':
      Out += "&amp;";
      break;
    case '<':
      Out += "&lt;";
      break;
    case '>':
      Out += "&gt;";
      break;
    case '"':
      Out += "&quot;";
      break;
    case '\'':
      Out += "&#39;";
      break;
    case '\t':
      Out += "        ";
      break;
    default:
      Out += C;
    }
  }
  return Out;
}

const char Style[] = R"(<style>
body { font-family: sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 1.5em; }
table { border-collapse: collapse; }
th, td { border: 1px solid #ccc; padding: 2px 8px; text-align: left; vertical-align: top; }
th { background: #eee; }
.warning { color: #a60; } .error { color: #c00; } .note { color: #06c; }
table.source { border: none; font-family: monospace; font-size: 13px; }
table.source td { border: none; padding: 0 6px; white-space: pre; }
table.source td.ln { color: #888; text-align: right; user-select: none; }
table.source td.margin { width: 2.5em; text-align: right; }
tr.map-site td.code { background: #e6f0ff; }
tr.finding td.code { background: #ffe6e6; }
tr.step-line td.code { background: #fff8dc; }
span.step { display: inline-block; min-width: 1.4em; border-radius: 0.7em;
  background: #36c; color: #fff; text-align: center; font-weight: bold;
  font-family: sans-serif; font-size: 12px; }
tr.finding span.step { background: #c33; }
div.bubble { white-space: normal; font-family: sans-serif; margin: 2px 0 4px 0;
  padding: 2px 6px; background: #ffd; border: 1px solid #cc9;
  display: inline-block; }
tr.finding div.bubble { background: #fee; border-color: #c99; }
pre.diff { background: #f6f6f6; padding: 6px; }
pre.diff .del { color: #b00; } pre.diff .add { color: #070; }
.filters { margin: 1em 0; }
</style>
)";

std::string pageName(size_t I) {
  std::string N = std::to_string(I + 1);
  return "finding-" + std::string(N.size() < 4 ? 4 - N.size() : 0, '0') + N +
         ".html";
}

struct Step {
  SourcePos Loc;
  std::string Message;
  bool MapSite = false;
  bool Final = false;
};

std::vector<Step> stepsOf(const Finding &F) {
  std::vector<Step> Steps;
  const FindingNote *Map = mapSiteNote(F);
  for (const FindingNote &N : F.Notes)
    Steps.push_back(
        {N.Loc.valid() ? N.Loc : F.Loc, N.Message, &N == Map, false});
  Steps.push_back({F.Loc, F.Message, false, true});
  return Steps;
}

/// The fix-it as a unified diff of the lines it touches.
std::string fixDiff(const Finding &F, const ReportContext &Ctx,
                    SourceLines &Lines) {
  std::map<std::string, std::vector<Replacement>> ByFile;
  for (const Replacement &R : F.Fixes)
    ByFile[R.File].push_back(R);
  std::string Out;
  for (auto &KV : ByFile) {
    llvm::StringRef Text = Lines.text(KV.first);
    if (Text.empty())
      continue;
    std::vector<Replacement> &Reps = KV.second;
    llvm::sort(Reps);
    std::string Rel = relativeToRoot(KV.first, Ctx.SourceRoot);
    Out += "<span class=\"del\">--- a/" + esc(Rel) +
           "</span>\n<span class=\"add\">+++ b/" + esc(Rel) + "</span>\n";
    // Hunks: the whole lines each group of nearby replacements touches.
    size_t I = 0;
    while (I < Reps.size()) {
      size_t Begin = Text.rfind('\n', Reps[I].Offset);
      Begin =
          Begin == llvm::StringRef::npos || Reps[I].Offset == 0
              ? 0
              : (Text[Reps[I].Offset - 1] == '\n' ? Reps[I].Offset : Begin + 1);
      size_t End = Text.find('\n', Reps[I].Offset + Reps[I].Length);
      size_t J = I + 1;
      while (J < Reps.size() && End != llvm::StringRef::npos &&
             Reps[J].Offset <= End) {
        End = Text.find('\n', Reps[J].Offset + Reps[J].Length);
        ++J;
      }
      if (End == llvm::StringRef::npos)
        End = Text.size();
      std::string Old = Text.slice(Begin, End).str();
      std::string New;
      size_t Pos = Begin;
      for (size_t K = I; K < J; ++K) {
        if (Reps[K].Offset < Pos)
          continue; // overlapping: shown as the first one
        New += Text.slice(Pos, Reps[K].Offset).str() + Reps[K].Text;
        Pos = Reps[K].Offset + Reps[K].Length;
      }
      New += Text.slice(Pos, End).str();
      unsigned FirstLine = 1 + Text.take_front(Begin).count('\n');
      llvm::SmallVector<llvm::StringRef, 8> OldLines, NewLines;
      llvm::StringRef(Old).split(OldLines, '\n');
      llvm::StringRef(New).split(NewLines, '\n');
      Out += llvm::formatv("@@ -{0},{1} +{0},{2} @@\n", FirstLine,
                           OldLines.size(), NewLines.size())
                 .str();
      for (llvm::StringRef L : OldLines)
        Out += "<span class=\"del\">-" + esc(L) + "</span>\n";
      for (llvm::StringRef L : NewLines)
        Out += "<span class=\"add\">+" + esc(L) + "</span>\n";
      I = J;
    }
  }
  return Out;
}

std::string findingPage(const Finding &F, size_t Index, size_t Total,
                        const ReportContext &Ctx, SourceLines &Lines) {
  std::string Rel = relativeToRoot(F.Loc.File, Ctx.SourceRoot);
  std::string Sev = severityName(F.Level).str();
  std::vector<Step> Steps = stepsOf(F);
  std::string P =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
      "charset=\"utf-8\">\n<title>" +
      esc("[" + F.CheckId + "] " + Rel + ":" + std::to_string(F.Loc.Line)) +
      "</title>\n" + Style + "</head>\n<body>\n";
  P += "<p><a href=\"index.html\">all findings</a>";
  if (Index > 0)
    P += " | <a href=\"" + pageName(Index - 1) + "\">previous</a>";
  if (Index + 1 < Total)
    P += " | <a href=\"" + pageName(Index + 1) + "\">next</a>";
  P += "</p>\n";
  P += "<h1 class=\"" + Sev + "\">" + esc(F.Message) + " [" + esc(F.CheckId) +
       "]</h1>\n";
  P += "<p>" + esc(Sev) + " at <code>" +
       esc(Rel + ":" + std::to_string(F.Loc.Line) + ":" +
           std::to_string(F.Loc.Column)) +
       "</code>" +
       (F.Function.empty() ? std::string()
                           : " in <code>" + esc(F.Function) + "</code>") +
       "; fingerprint <code>" + esc(F.Fingerprint) + "</code></p>\n";

  P += "<h2>Path</h2>\n<ol class=\"steps\">\n";
  for (size_t I = 0; I < Steps.size(); ++I) {
    const Step &S = Steps[I];
    std::string Where = relativeToRoot(S.Loc.File, Ctx.SourceRoot) + ":" +
                        std::to_string(S.Loc.Line);
    P += "<li id=\"step-" + std::to_string(I + 1) + "\">";
    if (S.Loc.File == F.Loc.File)
      P += "<a href=\"#line-" + std::to_string(S.Loc.Line) + "\">" +
           esc(Where) + "</a>";
    else
      P += "<code>" + esc(Where) + "</code>";
    P += ": " + esc(S.Message) +
         (S.MapSite ? " <em>(map site)</em>"
          : S.Final ? " <em>(reported here)</em>"
                    : "") +
         "</li>\n";
  }
  P += "</ol>\n";

  // The source around the steps in the finding's file.
  unsigned Lo = F.Loc.Line, Hi = F.Loc.Line;
  for (const Step &S : Steps)
    if (S.Loc.File == F.Loc.File) {
      Lo = std::min(Lo, S.Loc.Line);
      Hi = std::max(Hi, S.Loc.Line);
    }
  unsigned N = Lines.lineCount(F.Loc.File);
  Lo = Lo > 5 ? Lo - 5 : 1;
  Hi = std::min(N, Hi + 5);
  P += "<h2>Source: <code>" + esc(Rel) + "</code></h2>\n";
  if (N == 0) {
    P += "<p>(the file cannot be read)</p>\n";
  } else {
    P += "<table class=\"source\">\n";
    for (unsigned L = Lo; L <= Hi; ++L) {
      std::string Margin, Bubbles, Class;
      for (size_t I = 0; I < Steps.size(); ++I) {
        const Step &S = Steps[I];
        if (S.Loc.File != F.Loc.File || S.Loc.Line != L)
          continue;
        std::string Num =
            "<span class=\"step\">" + std::to_string(I + 1) + "</span>";
        Margin += Num;
        Bubbles +=
            "\n<div class=\"bubble\">" + Num + " " + esc(S.Message) + "</div>";
        if (S.Final)
          Class = "finding";
        else if (S.MapSite && Class != "finding")
          Class = "map-site";
        else if (Class.empty())
          Class = "step-line";
      }
      P += "<tr id=\"line-" + std::to_string(L) + "\"" +
           (Class.empty() ? std::string() : " class=\"" + Class + "\"") +
           "><td class=\"ln\">" + std::to_string(L) +
           "</td><td class=\"margin\">" + Margin + "</td><td class=\"code\">" +
           esc(Lines.line(F.Loc.File, L)) + Bubbles + "</td></tr>\n";
    }
    P += "</table>\n";
  }
  if (!F.Fixes.empty())
    P += "<h2>Fix-it</h2>\n<pre class=\"diff\">" + fixDiff(F, Ctx, Lines) +
         "</pre>\n";
  P += "</body>\n</html>\n";
  return P;
}

std::string indexPage(llvm::ArrayRef<Finding> Findings,
                      llvm::ArrayRef<ToolError> Errors,
                      const ReportContext &Ctx) {
  std::map<std::string, unsigned> ByCheck, ByFile;
  for (const Finding &F : Findings) {
    ++ByCheck[F.CheckId];
    ++ByFile[relativeToRoot(F.Loc.File, Ctx.SourceRoot)];
  }
  std::string P = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
                  "charset=\"utf-8\">\n<title>kmapcheck report</title>\n" +
                  std::string(Style) + "</head>\n<body>\n";
  P += "<h1>kmapcheck: " + std::to_string(Findings.size()) +
       " finding(s)</h1>\n";
  P += "<p>kmapcheck " + esc(Ctx.ToolVersion) + "; paths relative to <code>" +
       esc(Ctx.SourceRoot) + "</code></p>\n";
  if (!Errors.empty()) {
    P += "<h2 class=\"error\">" + std::to_string(Errors.size()) +
         " translation unit(s) not analysed</h2>\n<ul>\n";
    for (const ToolError &E : Errors)
      P += "<li><code>" + esc(E.Message) + "</code></li>\n";
    P += "</ul>\n";
  }
  auto Counts = [&](const char *Title, const char *Col,
                    const std::map<std::string, unsigned> &M) {
    P += std::string("<h2>By ") + Title +
         "</h2>\n<table class=\"counts\">"
         "<tr><th>" +
         Col + "</th><th>findings</th></tr>\n";
    for (const auto &KV : M)
      P += "<tr><td><code>" + esc(KV.first) + "</code></td><td>" +
           std::to_string(KV.second) + "</td></tr>\n";
    P += "</table>\n";
  };
  Counts("check", "check", ByCheck);
  Counts("file", "file", ByFile);

  P += "<h2>Findings</h2>\n<div class=\"filters\">check <select "
       "id=\"check\"><option value=\"\">all</option>";
  for (const auto &KV : ByCheck)
    P += "<option>" + esc(KV.first) + "</option>";
  P += "</select> file <select id=\"file\"><option value=\"\">all</option>";
  for (const auto &KV : ByFile)
    P += "<option>" + esc(KV.first) + "</option>";
  P += "</select> <span id=\"shown\"></span></div>\n";
  P += "<table id=\"findings\">\n<tr><th>#</th><th>severity</th><th>check</"
       "th><th>location</th><th>message</th><th>steps</th></tr>\n";
  for (size_t I = 0; I < Findings.size(); ++I) {
    const Finding &F = Findings[I];
    std::string Rel = relativeToRoot(F.Loc.File, Ctx.SourceRoot);
    std::string Sev = severityName(F.Level).str();
    P += "<tr class=\"finding-row\" data-check=\"" + esc(F.CheckId) +
         "\" data-file=\"" + esc(Rel) + "\"><td><a href=\"" + pageName(I) +
         "\">" + std::to_string(I + 1) + "</a></td><td class=\"" + Sev + "\">" +
         Sev + "</td><td><code>" + esc(F.CheckId) + "</code></td><td><code>" +
         esc(Rel + ":" + std::to_string(F.Loc.Line) + ":" +
             std::to_string(F.Loc.Column)) +
         "</code></td><td><a href=\"" + pageName(I) + "\">" + esc(F.Message) +
         "</a></td><td>" + std::to_string(F.Notes.size() + 1) + "</td></tr>\n";
  }
  P += "</table>\n";
  P += R"(<script>
(function () {
  var check = document.getElementById('check');
  var file = document.getElementById('file');
  function update() {
    var rows = document.querySelectorAll('tr.finding-row'), shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      var on = (!check.value || r.dataset.check === check.value) &&
               (!file.value || r.dataset.file === file.value);
      r.style.display = on ? '' : 'none';
      shown += on ? 1 : 0;
    }
    document.getElementById('shown').textContent = shown + ' shown';
  }
  check.addEventListener('change', update);
  file.addEventListener('change', update);
  update();
})();
</script>
</body>
</html>
)";
  return P;
}

llvm::Error writeFile(llvm::StringRef Path, const std::string &Text) {
  std::error_code EC;
  llvm::ToolOutputFile F(Path, EC, llvm::sys::fs::OF_Text);
  if (EC)
    return llvm::createStringError(EC, "cannot write '%s': %s",
                                   Path.str().c_str(), EC.message().c_str());
  F.os() << Text;
  F.os().flush();
  if (F.os().has_error())
    return llvm::createStringError(F.os().error(), "cannot write '%s'",
                                   Path.str().c_str());
  F.keep();
  return llvm::Error::success();
}
} // namespace

llvm::Error renderHtml(llvm::StringRef Dir, llvm::ArrayRef<Finding> Findings,
                       llvm::ArrayRef<ToolError> Errors,
                       const ReportContext &Ctx, SourceLines &Lines) {
  if (std::error_code EC = llvm::sys::fs::create_directories(Dir))
    return llvm::createStringError(EC, "cannot create '%s': %s",
                                   Dir.str().c_str(), EC.message().c_str());
  // Pages of an earlier report in the same directory would be stale.
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC)) {
    llvm::StringRef Name = llvm::sys::path::filename(It->path());
    if (Name.starts_with("finding-") && Name.ends_with(".html"))
      llvm::sys::fs::remove(It->path());
  }
  for (size_t I = 0; I < Findings.size(); ++I) {
    llvm::SmallString<256> P(Dir);
    llvm::sys::path::append(P, pageName(I));
    if (llvm::Error E = writeFile(
            P, findingPage(Findings[I], I, Findings.size(), Ctx, Lines)))
      return E;
  }
  llvm::SmallString<256> Index(Dir);
  llvm::sys::path::append(Index, "index.html");
  return writeFile(Index, indexPage(Findings, Errors, Ctx));
}

} // namespace kmapcheck
