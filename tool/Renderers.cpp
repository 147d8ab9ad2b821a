//===- Renderers.cpp ------------------------------------------------------===//
#include "tool/Renderers.h"

#include "clang/Tooling/Core/Diagnostic.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/YAMLTraits.h"

namespace kmapcheck {

namespace {
class LineCache {
public:
  /// The text of line \p Line of \p File (1-based), without the newline.
  std::optional<std::string> line(const std::string &File, unsigned Line) {
    auto It = Files.find(File);
    if (It == Files.end()) {
      auto Buf = llvm::MemoryBuffer::getFile(File);
      It = Files.try_emplace(File, Buf ? std::move(*Buf) : nullptr).first;
    }
    if (!It->second || Line == 0)
      return std::nullopt;
    llvm::StringRef Text = It->second->getBuffer();
    for (unsigned I = 1; I < Line; ++I) {
      size_t NL = Text.find('\n');
      if (NL == llvm::StringRef::npos)
        return std::nullopt;
      Text = Text.drop_front(NL + 1);
    }
    return Text.take_until([](char C) { return C == '\n'; }).str();
  }

private:
  llvm::StringMap<std::unique_ptr<llvm::MemoryBuffer>> Files;
};

void printPos(llvm::raw_ostream &OS, const SourcePos &P) {
  OS << P.File << ":" << P.Line << ":" << P.Column << ": ";
}
} // namespace

/// Lines longer than this are shown as a window around the column.
constexpr size_t MaxSourceLine = 160;

void renderText(llvm::raw_ostream &OS, llvm::ArrayRef<Finding> Findings,
                llvm::ArrayRef<ToolError> Errors) {
  LineCache Lines;
  for (const Finding &F : Findings) {
    printPos(OS, F.Loc);
    OS << severityName(F.Level) << ": " << F.Message << " [" << F.CheckId
       << "]\n";
    if (auto L = Lines.line(F.Loc.File, F.Loc.Line)) {
      llvm::StringRef Line = *L;
      size_t Col = F.Loc.Column ? F.Loc.Column - 1 : 0; // 0-based
      std::string Prefix;
      if (Line.size() > MaxSourceLine) {
        // As clang does: a window around the column, "..." where cut.
        size_t Begin = Col > MaxSourceLine / 2 ? Col - MaxSourceLine / 2 : 0;
        size_t End = std::min(Line.size(), Begin + MaxSourceLine);
        std::string Cut = (Begin ? "..." : "") +
                          Line.substr(Begin, End - Begin).str() +
                          (End < Line.size() ? "..." : "");
        Col = Col - Begin + (Begin ? 3 : 0);
        OS << Cut << "\n";
        Line = "";
        Prefix = std::string(Col, ' ');
      } else {
        OS << Line << "\n";
        for (size_t I = 0; I < Col && I < Line.size(); ++I)
          Prefix += Line[I] == '\t' ? '\t' : ' ';
      }
      OS << Prefix << "^\n";
    }
    for (const FindingNote &N : F.Notes) {
      if (N.Loc.valid())
        printPos(OS, N.Loc);
      OS << "note: " << N.Message << "\n";
    }
  }
  for (const ToolError &E : Errors)
    OS << E.Message << " [kmapcheck: translation unit " << E.File
       << " not analysed]\n";
}

static llvm::json::Object posJson(const SourcePos &P) {
  return llvm::json::Object{
      {"file", P.File}, {"line", P.Line}, {"column", P.Column}};
}

void renderJson(llvm::raw_ostream &OS, llvm::ArrayRef<Finding> Findings,
                llvm::ArrayRef<ToolError> Errors) {
  llvm::json::Array Arr;
  for (const Finding &F : Findings) {
    llvm::json::Array Notes, Fixes;
    for (const FindingNote &N : F.Notes) {
      llvm::json::Object O = posJson(N.Loc);
      O["message"] = N.Message;
      Notes.push_back(std::move(O));
    }
    for (const Replacement &R : F.Fixes)
      Fixes.push_back(llvm::json::Object{{"file", R.File},
                                         {"offset", R.Offset},
                                         {"length", R.Length},
                                         {"replacement", R.Text}});
    Arr.push_back(llvm::json::Object{
        {"check", F.CheckId},
        {"severity", severityName(F.Level)},
        {"file", F.Loc.File},
        {"line", F.Loc.Line},
        {"column", F.Loc.Column},
        {"end", posJson(F.End)},
        {"message", F.Message},
        {"notes", std::move(Notes)},
        {"fixes", std::move(Fixes)},
        {"function", F.Function},
        {"fingerprint", F.Fingerprint},
    });
  }
  llvm::json::Array Errs;
  for (const ToolError &E : Errors)
    Errs.push_back(
        llvm::json::Object{{"file", E.File}, {"message", E.Message}});
  llvm::json::Value Root = llvm::json::Object{{"version", 1},
                                              {"findings", std::move(Arr)},
                                              {"tool_errors", std::move(Errs)}};
  OS << llvm::formatv("{0:2}", Root) << "\n";
}

llvm::ArrayRef<llvm::StringRef> reportFormats() {
  static const llvm::StringRef Formats[] = {"text",   "json",   "sarif",
                                            "github", "gitlab", "html"};
  return Formats;
}

void renderExplain(llvm::raw_ostream &OS, const CheckSpec &C) {
  OS << C.Id << " (" << severityName(C.Level) << "): " << C.Summary << "\n\n"
     << llvm::StringRef(C.Description).rtrim() << "\n";
  if (!C.Options.empty()) {
    OS << "\nOptions:\n";
    for (const CheckOption &Opt : C.Options)
      OS << "  " << Opt.Name << " (default: " << Opt.Default << ")"
         << (Opt.Description.empty() ? "" : ": ") << Opt.Description << "\n";
  }
  auto Indent = [&](llvm::StringRef Text) {
    llvm::SmallVector<llvm::StringRef, 16> Lines;
    Text.rtrim().split(Lines, '\n');
    for (llvm::StringRef L : Lines)
      OS << (L.empty() ? "" : "    ") << L << "\n";
  };
  OS << "\nBad:\n";
  Indent(C.BadExample);
  OS << "\nGood:\n";
  Indent(C.GoodExample);
}

void renderExportFixes(llvm::raw_ostream &OS,
                       llvm::ArrayRef<Finding> Findings) {
  clang::tooling::TranslationUnitDiagnostics TUD;
  TUD.MainSourceFile = "";
  for (const Finding &F : Findings) {
    clang::tooling::DiagnosticMessage Msg;
    Msg.Message = F.Message;
    Msg.FilePath = F.Loc.File;
    Msg.FileOffset = F.Loc.Offset;
    for (const Replacement &R : F.Fixes) {
      llvm::Error E = Msg.Fix[R.File].add(
          clang::tooling::Replacement(R.File, R.Offset, R.Length, R.Text));
      llvm::consumeError(std::move(E));
    }
    llvm::SmallVector<clang::tooling::DiagnosticMessage, 1> Notes;
    for (const FindingNote &N : F.Notes) {
      clang::tooling::DiagnosticMessage NM;
      NM.Message = N.Message;
      NM.FilePath = N.Loc.File;
      NM.FileOffset = N.Loc.Offset;
      Notes.push_back(NM);
    }
    TUD.Diagnostics.emplace_back(F.CheckId, Msg, Notes,
                                 F.Level == Severity::Error
                                     ? clang::tooling::Diagnostic::Error
                                     : clang::tooling::Diagnostic::Warning,
                                 "");
  }
  llvm::yaml::Output YAML(OS);
  YAML << TUD;
}

} // namespace kmapcheck
