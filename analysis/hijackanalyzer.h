#pragma once

#include "caseanalysis.h"

#include "model/mailstore.h"
#include "model/thread.h"

namespace th::analysis {

/// The hijack analysis engine: quote structure, indicators, reuse clustering and verdicts for every
/// message of a case (detection-spec 2-6).
///
/// Typical usage:
/// \code
///   CaseSettings settings;
///   settings.organisationDomains = {"example.com"};
///   const CaseAnalysis a = HijackAnalyzer::analyse(store, Threader::thread(store.messages()), settings);
///   a.messages[i].verdict.name();   // "external-thread-hijack"
///   a.messages[i].findings;         // why, with evidence
/// \endcode
class HijackAnalyzer
{
public:
    [[nodiscard]] static CaseAnalysis analyse(const model::MailStore &store, const model::ThreadSet &threads, const CaseSettings &settings);
    /// The text the engine analyses for a message: its text/plain body, else its HTML body as text.
    [[nodiscard]] static BodyStructure structureOf(const model::Message &message);
    /// The organisation as the case shows it, when nobody configured it: the most frequent recipient domain.
    [[nodiscard]] static QString inferOrganisation(const std::vector<model::Message> &messages);
};

} // namespace th::analysis
