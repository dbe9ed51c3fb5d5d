#include "casesettingsdialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QPlainTextEdit>

namespace th::ui {
namespace {

QStringList entries(const QPlainTextEdit *edit)
{
    QStringList out;
    for (const QString &line : edit->toPlainText().split(u'\n')) {
        const QString entry = line.trimmed().toLower();
        if (!entry.isEmpty() && !out.contains(entry))
            out << entry;
    }
    return out;
}

} // namespace

CaseSettingsDialog::CaseSettingsDialog(const analysis::CaseSettings &settings, QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("caseSettingsDialog"));
    setWindowTitle(tr("Case settings"));
    auto *form = new QFormLayout(this);
    // An inferred organisation is the engine's guess: the analyst starts from an empty list.
    m_organisation = addList(QStringLiteral("organisationDomains"), tr("Organisation domains"),
                             settings.organisationInferred ? QStringList() : settings.organisationDomains);
    m_authservIds = addList(QStringLiteral("trustedAuthservIds"), tr("Trusted authserv-ids"), settings.trustedAuthservIds);
    m_sisters = addList(QStringLiteral("sisterDomains"), tr("Sister domains"), settings.sisterDomains);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

QPlainTextEdit *CaseSettingsDialog::addList(const QString &name, const QString &label, const QStringList &entries)
{
    auto *edit = new QPlainTextEdit(entries.join(u'\n'), this);
    edit->setObjectName(name);
    edit->setPlaceholderText(tr("one per line"));
    edit->setMaximumHeight(90);
    static_cast<QFormLayout *>(layout())->addRow(label, edit);
    return edit;
}

analysis::CaseSettings CaseSettingsDialog::settings() const
{
    analysis::CaseSettings s;
    s.organisationDomains = entries(m_organisation);
    s.trustedAuthservIds = entries(m_authservIds);
    s.sisterDomains = entries(m_sisters);
    return s;
}

} // namespace th::ui
