#pragma once

#include "analysis/casesettings.h"

#include <QDialog>

class QPlainTextEdit;

namespace th::ui {

/// What the analyst tells the engine about the case: the organisation's domains, the Authentication-Results
/// writers to believe, and the partner domains never to call look-alikes. One entry per line.
class CaseSettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit CaseSettingsDialog(const analysis::CaseSettings &settings, QWidget *parent = nullptr);

    [[nodiscard]] analysis::CaseSettings settings() const;

private:
    QPlainTextEdit *addList(const QString &name, const QString &label, const QStringList &entries);

    QPlainTextEdit *m_organisation;
    QPlainTextEdit *m_authservIds;
    QPlainTextEdit *m_sisters;
};

} // namespace th::ui
