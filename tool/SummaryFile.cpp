//===- SummaryFile.cpp - --summaries FILE ---------------------------------===//
#include "tool/SummaryFile.h"
#include "tool/CompileDatabase.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

namespace kmapcheck {

namespace {

llvm::json::Value stepJson(const SummaryStep &S) {
  return llvm::json::Object{
      {"call", S.Callee}, {"file", S.File}, {"line", int64_t(S.Line)}};
}

llvm::json::Value chainJson(const SummaryChain &C) {
  llvm::json::Array A;
  for (const SummaryStep &S : C)
    A.push_back(stepJson(S));
  return A;
}

const char *const EffectKinds[] = {"maps", "unmaps", "depth", "waits_for_ipi"};

llvm::json::Value effectJson(const SummaryEffect &F) {
  llvm::json::Object O{{"kind", EffectKinds[unsigned(F.What)]}};
  switch (F.What) {
  case SummaryEffect::Kind::Maps:
    O["map"] = mapKindName(F.Map);
    O["param"] = int64_t(F.Param);
    break;
  case SummaryEffect::Kind::Unmaps:
    O["map"] = mapKindName(F.Map);
    O["param"] = int64_t(F.Param);
    O["by"] = F.ByAddress ? "address" : "page";
    break;
  case SummaryEffect::Kind::Depth:
    O["effect"] = effectName(F.Depth);
    break;
  case SummaryEffect::Kind::WaitsForIpi:
    break;
  }
  O["via"] = stepJson(F.Via);
  return O;
}

/// Reads the structure; the first problem is kept with its JSON path.
class Reader {
public:
  explicit Reader(llvm::StringRef Path) : Path(Path) {}

  bool str(const llvm::json::Object &O, llvm::StringRef Key, std::string &Out,
           const std::string &At) {
    auto S = O.getString(Key);
    if (!S)
      return fail(At + "." + Key.str(), "expected a string");
    Out = S->str();
    return true;
  }
  bool line(const llvm::json::Object &O, std::string &&At, unsigned &Out) {
    auto N = O.getInteger("line");
    if (!N || *N < 1 || *N > UINT32_MAX)
      return fail(At + ".line", "expected a line number (a positive integer)");
    Out = unsigned(*N);
    return true;
  }
  bool step(const llvm::json::Value &V, const std::string &At,
            SummaryStep &Out) {
    const llvm::json::Object *O = V.getAsObject();
    if (!O)
      return fail(At, "expected an object {call, file, line}");
    return str(*O, "call", Out.Callee, At) && str(*O, "file", Out.File, At) &&
           line(*O, std::string(At), Out.Line);
  }
  bool chain(const llvm::json::Value *V, const std::string &At,
             SummaryChain &Out) {
    const llvm::json::Array *A = V ? V->getAsArray() : nullptr;
    if (!A || A->empty())
      return fail(At, "expected a non-empty list of calls");
    for (size_t I = 0; I < A->size(); ++I) {
      Out.emplace_back();
      if (!step((*A)[I], At + "[" + std::to_string(I) + "]", Out.back()))
        return false;
    }
    return true;
  }
  bool effect(const llvm::json::Value &V, const std::string &At,
              SummaryEffect &Out) {
    const llvm::json::Object *O = V.getAsObject();
    if (!O)
      return fail(At, "expected an object {kind, ..., via}");
    std::string Kind;
    if (!str(*O, "kind", Kind, At))
      return false;
    auto K = llvm::find(EffectKinds, Kind);
    if (K == std::end(EffectKinds))
      return fail(At + ".kind",
                  "expected maps, unmaps, depth or waits_for_ipi");
    Out.What = SummaryEffect::Kind(K - std::begin(EffectKinds));
    if (Out.What == SummaryEffect::Kind::Maps ||
        Out.What == SummaryEffect::Kind::Unmaps) {
      std::string Map;
      if (!str(*O, "map", Map, At))
        return false;
      if (!parseMapKind(Map, Out.Map))
        return fail(At + ".map", "expected local, atomic or global");
      auto P = O->getInteger("param");
      int64_t Min = Out.What == SummaryEffect::Kind::Maps ? -1 : 0;
      if (!P || *P < Min || *P > 255)
        return fail(At + ".param", Min < 0 ? "expected a parameter index or -1"
                                           : "expected a parameter index");
      Out.Param = int(*P);
    }
    if (Out.What == SummaryEffect::Kind::Unmaps) {
      std::string By;
      if (!str(*O, "by", By, At))
        return false;
      if (By != "address" && By != "page")
        return fail(At + ".by", "expected address or page");
      Out.ByAddress = By == "address";
    }
    if (Out.What == SummaryEffect::Kind::Depth) {
      std::string Ef;
      if (!str(*O, "effect", Ef, At))
        return false;
      if (!parseEffect(Ef, Out.Depth))
        return fail(At + ".effect", "expected an effect of rules/api "
                                    "(pagefault_disable, preempt_enable, ...)");
    }
    const llvm::json::Value *Via = O->get("via");
    if (!Via)
      return fail(At + ".via", "expected the call {call, file, line}");
    return step(*Via, At + ".via", Out.Via);
  }
  bool fail(const std::string &At, const std::string &What) {
    if (Error.empty())
      Error = Path.str() + ": " + At + ": " + What;
    return false;
  }

  llvm::StringRef Path;
  std::string Error;
};

} // namespace

llvm::Expected<std::vector<FunctionSummary>>
parseSummaries(llvm::StringRef Path, llvm::StringRef Contents) {
  llvm::Expected<llvm::json::Value> V = llvm::json::parse(Contents);
  if (!V)
    return malformedJsonError(Path, V.takeError(), "malformed summaries file");
  Reader R(Path);
  auto Err = [&] {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), R.Error);
  };
  const llvm::json::Object *Top = V->getAsObject();
  if (!Top || Top->getString("format") != "kmapcheck-summaries") {
    R.fail("format", "expected a kmapcheck summaries file (an object with "
                     "\"format\": \"kmapcheck-summaries\")");
    return Err();
  }
  auto Version = Top->getInteger("version");
  // Version 1 had no effects: it is read as a file without them.
  if (!Version || *Version < 1 || *Version > int64_t(SummaryFormatVersion)) {
    R.fail("version", "expected version 1 to " +
                          std::to_string(SummaryFormatVersion) +
                          " (written by this kmapcheck)");
    return Err();
  }
  const llvm::json::Array *Fns = Top->getArray("functions");
  if (!Fns) {
    R.fail("functions", "expected a list of function summaries");
    return Err();
  }
  std::vector<FunctionSummary> Out;
  for (size_t I = 0; I < Fns->size(); ++I) {
    std::string At = "functions[" + std::to_string(I) + "]";
    const llvm::json::Object *O = (*Fns)[I].getAsObject();
    if (!O) {
      R.fail(At, "expected an object {name, file, line, sleeps?, calls?, "
                 "effects?, writes?, depth_unknown?}");
      return Err();
    }
    FunctionSummary S;
    if (!R.str(*O, "name", S.Name, At) || !R.str(*O, "file", S.File, At) ||
        !R.line(*O, std::string(At), S.Line))
      return Err();
    for (const auto &KV : *O)
      if (KV.first != "name" && KV.first != "file" && KV.first != "line" &&
          KV.first != "sleeps" && KV.first != "calls" &&
          KV.first != "effects" && KV.first != "writes" &&
          KV.first != "depth_unknown") {
        R.fail(At + "." + KV.first.str(),
               "unknown key; expected name, file, line, sleeps, calls, "
               "effects, writes or depth_unknown");
        return Err();
      }
    if (const llvm::json::Value *Sl = O->get("sleeps"))
      if (!R.chain(Sl, At + ".sleeps", S.Sleeps))
        return Err();
    if (const llvm::json::Value *Cs = O->get("calls")) {
      const llvm::json::Array *A = Cs->getAsArray();
      if (!A) {
        R.fail(At + ".calls", "expected a list of call chains");
        return Err();
      }
      for (size_t J = 0; J < A->size(); ++J) {
        S.Calls.emplace_back();
        if (!R.chain(&(*A)[J], At + ".calls[" + std::to_string(J) + "]",
                     S.Calls.back()))
          return Err();
      }
    }
    if (const llvm::json::Value *Es = O->get("effects")) {
      const llvm::json::Array *A = Es->getAsArray();
      if (!A) {
        R.fail(At + ".effects", "expected a list of effects");
        return Err();
      }
      for (size_t J = 0; J < A->size(); ++J) {
        S.Effects.emplace_back();
        if (!R.effect((*A)[J], At + ".effects[" + std::to_string(J) + "]",
                      S.Effects.back()))
          return Err();
      }
    }
    if (const llvm::json::Value *D = O->get("depth_unknown")) {
      std::optional<bool> B = D->getAsBoolean();
      if (!B) {
        R.fail(At + ".depth_unknown", "expected true or false");
        return Err();
      }
      S.DepthUnknown = *B;
    }
    if (const llvm::json::Value *Ws = O->get("writes")) {
      const llvm::json::Array *A = Ws->getAsArray();
      if (!A) {
        R.fail(At + ".writes", "expected a list of names");
        return Err();
      }
      for (size_t J = 0; J < A->size(); ++J) {
        std::optional<llvm::StringRef> N = (*A)[J].getAsString();
        if (!N || N->empty()) {
          R.fail(At + ".writes[" + std::to_string(J) + "]",
                 "expected a field (\"record::field\") or a global's name");
          return Err();
        }
        S.Writes.push_back(N->str());
      }
      llvm::sort(S.Writes);
    }
    Out.push_back(std::move(S));
  }
  return Out;
}

std::string renderSummaries(const std::vector<FunctionSummary> &Functions) {
  llvm::json::Array Fns;
  for (const FunctionSummary &S : Functions) {
    llvm::json::Object O{
        {"name", S.Name}, {"file", S.File}, {"line", int64_t(S.Line)}};
    if (!S.Sleeps.empty())
      O["sleeps"] = chainJson(S.Sleeps);
    if (!S.Calls.empty()) {
      llvm::json::Array Calls;
      for (const SummaryChain &C : S.Calls)
        Calls.push_back(chainJson(C));
      O["calls"] = std::move(Calls);
    }
    if (!S.Effects.empty()) {
      llvm::json::Array Effects;
      for (const SummaryEffect &F : S.Effects)
        Effects.push_back(effectJson(F));
      O["effects"] = std::move(Effects);
    }
    if (S.DepthUnknown)
      O["depth_unknown"] = true;
    if (!S.Writes.empty()) {
      llvm::json::Array Writes;
      for (const std::string &N : S.Writes)
        Writes.push_back(N);
      O["writes"] = std::move(Writes);
    }
    Fns.push_back(std::move(O));
  }
  llvm::json::Object Top{{"format", "kmapcheck-summaries"},
                         {"version", int64_t(SummaryFormatVersion)},
                         {"functions", std::move(Fns)}};
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << llvm::formatv("{0:1}", llvm::json::Value(std::move(Top))) << "\n";
  return Out;
}

} // namespace kmapcheck
