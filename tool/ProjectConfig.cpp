//===- ProjectConfig.cpp --------------------------------------------------===//
#include "tool/ProjectConfig.h"
#include "tool/CheckFilter.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLParser.h"

namespace kmapcheck {

namespace {
const char *const Keys[] = {"Checks",           "CheckOptions",
                            "WarningsAsErrors", "HeaderFilterRegex",
                            "ExcludePaths",     "RulesDirs"};

class Parser {
public:
  Parser(llvm::StringRef Path, llvm::StringRef Contents)
      : Path(Path.str()), Stream(Contents, SM) {}

  llvm::Error error(llvm::yaml::Node *N, const llvm::Twine &Msg) {
    unsigned Line = 1, Col = 1;
    if (N) {
      auto LC = SM.getLineAndColumn(N->getSourceRange().Start);
      Line = LC.first;
      Col = LC.second;
    }
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "%s:%u:%u: %s", Path.c_str(), Line, Col,
                                   Msg.str().c_str());
  }

  llvm::Expected<std::string> scalar(llvm::yaml::Node *N,
                                     const std::string &What) {
    auto *S = llvm::dyn_cast_or_null<llvm::yaml::ScalarNode>(N);
    if (!S)
      return error(N, "expected " + What);
    llvm::SmallString<64> Buf;
    return S->getValue(Buf).str();
  }

  /// A string, or a list of strings (joined with ',' for globs).
  llvm::Expected<std::vector<std::string>> list(llvm::yaml::Node *N,
                                                const std::string &What) {
    std::vector<std::string> Out;
    if (auto *Seq = llvm::dyn_cast_or_null<llvm::yaml::SequenceNode>(N)) {
      for (llvm::yaml::Node &E : *Seq) {
        auto S = scalar(&E, What);
        if (!S)
          return S.takeError();
        Out.push_back(*S);
      }
      return Out;
    }
    auto S = scalar(N, What + " or a list of them");
    if (!S)
      return S.takeError();
    Out.push_back(*S);
    return Out;
  }

  llvm::Expected<ProjectConfig> parse() {
    ProjectConfig C;
    C.File = Path;
    llvm::SmallString<256> Dir(llvm::sys::path::parent_path(Path));
    llvm::sys::fs::make_absolute(Dir);
    llvm::sys::path::remove_dots(Dir, true);
    C.Dir = std::string(Dir);
    auto It = Stream.begin();
    if (It == Stream.end())
      return C;
    llvm::yaml::Node *Root = It->getRoot();
    if (Stream.failed())
      return error(Root, "not valid YAML");
    if (!Root || llvm::isa<llvm::yaml::NullNode>(Root))
      return C;
    auto *Map = llvm::dyn_cast<llvm::yaml::MappingNode>(Root);
    if (!Map)
      return error(Root, "expected a mapping of Checks, CheckOptions, "
                         "WarningsAsErrors, HeaderFilterRegex, ExcludePaths, "
                         "RulesDirs");
    for (llvm::yaml::KeyValueNode &KV : *Map) {
      auto *K = llvm::dyn_cast_or_null<llvm::yaml::ScalarNode>(KV.getKey());
      if (!K)
        return error(KV.getKey(), "expected a key");
      llvm::SmallString<32> KB;
      std::string Key = K->getValue(KB).str();
      llvm::yaml::Node *V = KV.getValue();
      if (Stream.failed())
        return error(V, "not valid YAML");
      if (Key == "Checks" || Key == "WarningsAsErrors") {
        auto L = list(V, "a string of check globs");
        if (!L)
          return L.takeError();
        std::string Joined = llvm::join(*L, ",");
        (Key == "Checks" ? C.Checks : C.WarningsAsErrors) = Joined;
        auto LC = SM.getLineAndColumn(V->getSourceRange().Start);
        (Key == "Checks" ? C.ChecksAt : C.WarningsAsErrorsAt) =
            Path + ":" + std::to_string(LC.first) + ":" +
            std::to_string(LC.second);
      } else if (Key == "HeaderFilterRegex") {
        auto S = scalar(V, "a regular expression");
        if (!S)
          return S.takeError();
        std::string Why;
        if (!llvm::Regex(*S).isValid(Why))
          return error(V, "expected a regular expression: " + Why);
        C.HeaderFilterRegex = *S;
      } else if (Key == "ExcludePaths") {
        auto L = list(V, "a path glob");
        if (!L)
          return L.takeError();
        C.ExcludePaths = *L;
      } else if (Key == "RulesDirs") {
        auto L = list(V, "a directory");
        if (!L)
          return L.takeError();
        for (const std::string &D : *L) {
          llvm::SmallString<256> P(D);
          if (!llvm::sys::path::is_absolute(P)) {
            P = C.Dir;
            llvm::sys::path::append(P, D);
          }
          llvm::sys::path::remove_dots(P, true);
          if (!llvm::sys::fs::is_directory(P))
            return error(V, "RulesDirs: '" + D + "' is not a directory (" + P +
                                ")");
          C.RulesDirs.push_back(std::string(P));
        }
      } else if (Key == "CheckOptions") {
        if (llvm::isa<llvm::yaml::NullNode>(V))
          continue;
        if (auto *M = llvm::dyn_cast<llvm::yaml::MappingNode>(V)) {
          for (llvm::yaml::KeyValueNode &O : *M) {
            auto OK = scalar(O.getKey(), "an option name <check>.<option>");
            if (!OK)
              return OK.takeError();
            if (!llvm::StringRef(*OK).contains('.'))
              return error(O.getKey(),
                           "expected an option name <check>.<option>");
            auto OV = scalar(O.getValue(), "an option value");
            if (!OV)
              return OV.takeError();
            C.CheckOptions[*OK] = *OV;
          }
        } else if (auto *S = llvm::dyn_cast<llvm::yaml::SequenceNode>(V)) {
          // clang-tidy's older form: - key: a.b
          //                             value: c
          for (llvm::yaml::Node &E : *S) {
            auto *EM = llvm::dyn_cast<llvm::yaml::MappingNode>(&E);
            if (!EM)
              return error(&E, "expected '{key: <check>.<option>, value: "
                               "<value>}'");
            std::optional<std::string> OK, OV;
            for (llvm::yaml::KeyValueNode &P : *EM) {
              auto PK = scalar(P.getKey(), "'key' or 'value'");
              if (!PK)
                return PK.takeError();
              auto PV = scalar(P.getValue(), "a string");
              if (!PV)
                return PV.takeError();
              if (*PK == "key")
                OK = *PV;
              else if (*PK == "value")
                OV = *PV;
              else
                return error(P.getKey(), "unknown key '" + *PK +
                                             "'; expected 'key' or 'value'");
            }
            if (!OK || !OV || !llvm::StringRef(*OK).contains('.'))
              return error(&E, "expected '{key: <check>.<option>, value: "
                               "<value>}'");
            C.CheckOptions[*OK] = *OV;
          }
        } else {
          return error(V, "expected a mapping of <check>.<option>: <value>");
        }
      } else {
        std::vector<std::string> Known(std::begin(Keys), std::end(Keys));
        std::string S = closestName(Key, Known);
        return error(K, "unknown key '" + Key + "'" +
                            (S.empty() ? std::string("; expected one of ") +
                                             llvm::join(Known, ", ")
                                       : "; did you mean '" + S + "'?"));
      }
      if (Stream.failed())
        return error(V, "not valid YAML");
    }
    if (Stream.failed())
      return error(Root, "not valid YAML");
    return C;
  }

private:
  std::string Path;
  llvm::SourceMgr SM;
  llvm::yaml::Stream Stream;
};

std::string relativeTo(llvm::StringRef File, llvm::StringRef Dir) {
  if (File.starts_with(Dir) && File.size() > Dir.size() &&
      llvm::sys::path::is_separator(File[Dir.size()]))
    return File.drop_front(Dir.size() + 1).str();
  return File.str();
}
} // namespace

llvm::Expected<ProjectConfig> parseProjectConfig(llvm::StringRef Path,
                                                 llvm::StringRef Contents) {
  Parser P(Path, Contents);
  return P.parse();
}

llvm::Expected<ProjectConfig> loadProjectConfig(llvm::StringRef Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buf)
    return llvm::createStringError(
        Buf.getError(), "cannot read configuration '%s': %s",
        Path.str().c_str(), Buf.getError().message().c_str());
  return parseProjectConfig(Path, (*Buf)->getBuffer());
}

std::string findProjectConfig(llvm::StringRef File) {
  llvm::SmallString<256> Dir(File);
  llvm::sys::fs::make_absolute(Dir);
  llvm::sys::path::remove_dots(Dir, true);
  if (!llvm::sys::fs::is_directory(Dir))
    Dir = llvm::sys::path::parent_path(Dir);
  while (!Dir.empty()) {
    llvm::SmallString<256> P(Dir);
    llvm::sys::path::append(P, ProjectConfigName);
    if (llvm::sys::fs::is_regular_file(P))
      return std::string(P);
    llvm::StringRef Parent = llvm::sys::path::parent_path(Dir);
    if (Parent == Dir)
      break;
    Dir = Parent;
  }
  return "";
}

bool ProjectConfig::excluded(llvm::StringRef AbsFile) const {
  std::string Rel = relativeTo(AbsFile, Dir);
  for (const std::string &G : ExcludePaths)
    if (globMatches(G, Rel) || globMatches(G, AbsFile))
      return true;
  return false;
}

void ProjectConfig::applyToFindings(std::vector<Finding> &Findings,
                                    llvm::StringRef MainFile) const {
  std::optional<llvm::Regex> Header;
  if (HeaderFilterRegex)
    Header.emplace(*HeaderFilterRegex);
  llvm::erase_if(Findings, [&](const Finding &F) {
    if (Header && F.Loc.File != MainFile && !Header->match(F.Loc.File))
      return true;
    return excluded(F.Loc.File);
  });
  if (WarningsAsErrorsFilter)
    for (Finding &X : Findings)
      if (X.Level == Severity::Warning &&
          WarningsAsErrorsFilter->enabled(X.CheckId))
        X.Level = Severity::Error;
}

llvm::Error ProjectConfig::validate(llvm::ArrayRef<std::string> Ids) {
  if (Checks) {
    auto F = CheckFilter::parse(*Checks, Ids);
    if (!F)
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          ChecksAt + ": Checks: " + llvm::toString(F.takeError()));
  }
  if (WarningsAsErrors) {
    auto F = CheckFilter::parse(*WarningsAsErrors, Ids);
    if (!F)
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          WarningsAsErrorsAt +
              ": WarningsAsErrors: " + llvm::toString(F.takeError()));
    WarningsAsErrorsFilter = std::move(*F);
  }
  return llvm::Error::success();
}

static std::string quoted(llvm::StringRef S) {
  std::string Out = "'";
  for (char C : S) {
    Out += C;
    if (C == '\'')
      Out += '\'';
  }
  return Out + "'";
}

std::string ProjectConfig::dump() const {
  std::string Out;
  Out += "# effective configuration";
  Out += File.empty() ? " (no " + std::string(ProjectConfigName) + ")"
                      : " (from " + File + ", then the command line)";
  Out += "\n";
  Out += "Checks: " + quoted(Checks.value_or("*")) + "\n";
  Out += "CheckOptions:";
  if (CheckOptions.empty())
    Out += " {}";
  Out += "\n";
  for (const auto &KV : CheckOptions)
    Out += "  " + KV.first + ": " + quoted(KV.second) + "\n";
  Out += "WarningsAsErrors: " + quoted(WarningsAsErrors.value_or("")) + "\n";
  Out += "HeaderFilterRegex: " + quoted(HeaderFilterRegex.value_or("")) + "\n";
  auto List = [&](const char *Key, const std::vector<std::string> &L) {
    Out += Key;
    Out += ":";
    if (L.empty())
      Out += " []";
    Out += "\n";
    for (const std::string &S : L)
      Out += "  - " + quoted(S) + "\n";
  };
  List("ExcludePaths", ExcludePaths);
  List("RulesDirs", RulesDirs);
  return Out;
}

llvm::Expected<const ProjectConfig *>
ProjectConfigs::forFile(llvm::StringRef File, llvm::StringRef Explicit) {
  std::string Path;
  if (!Explicit.empty()) {
    Path = Explicit.str();
  } else {
    std::string Dir = std::string(llvm::sys::path::parent_path(File));
    auto It = DirToPath.find(Dir);
    if (It == DirToPath.end())
      It = DirToPath.try_emplace(Dir, findProjectConfig(File)).first;
    Path = It->second;
  }
  if (Path.empty())
    return nullptr;
  auto It = ByPath.find(Path);
  if (It == ByPath.end()) {
    auto C = loadProjectConfig(Path);
    if (!C)
      return C.takeError();
    It =
        ByPath.try_emplace(Path, std::make_unique<ProjectConfig>(std::move(*C)))
            .first;
  }
  return It->second.get();
}

} // namespace kmapcheck
