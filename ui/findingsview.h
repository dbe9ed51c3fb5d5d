#pragma once

#include "safetextbrowser.h"

namespace th::analysis {
struct BodyStructure;
struct MessageAnalysis;
}

namespace th::ui {

/// The engine's judgement of one message, explained: verdict and score, the splice point, and every fired
/// indicator with its sentence and evidence (header fields, quoted text with its offsets, other messages).
/// Rendered from escaped text only, in a browser that loads nothing.
class FindingsView : public SafeTextBrowser
{
    Q_OBJECT
public:
    explicit FindingsView(QWidget *parent = nullptr);

    void showAnalysis(const analysis::MessageAnalysis &analysis, const analysis::BodyStructure &body);
    /// Shown while the analysis runs or when there is none.
    void showNote(const QString &note);
};

} // namespace th::ui
