#include "threadfilterbar.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

namespace th::ui {
namespace {

QLineEdit *makeSearch(const QString &name, const QString &placeholder, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(name);
    edit->setPlaceholderText(placeholder);
    edit->setClearButtonEnabled(true);
    return edit;
}

QDateEdit *makeDate(const QString &name, QWidget *parent)
{
    auto *edit = new QDateEdit(parent);
    edit->setObjectName(name);
    edit->setCalendarPopup(true);
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    edit->setEnabled(false);
    return edit;
}

} // namespace

ThreadFilterBar::ThreadFilterBar(QWidget *parent)
    : QWidget(parent),
      m_text(makeSearch(QStringLiteral("filterText"), tr("Search subject, people, Message-ID..."), this)),
      m_participant(makeSearch(QStringLiteral("filterParticipant"), tr("Participant address"), this)),
      m_useDates(new QCheckBox(tr("Active between"), this)), m_from(makeDate(QStringLiteral("filterFrom"), this)),
      m_to(makeDate(QStringLiteral("filterTo"), this)), m_minMessages(new QSpinBox(this))
{
    m_useDates->setObjectName(QStringLiteral("filterUseDates"));
    m_minMessages->setObjectName(QStringLiteral("filterMinMessages"));
    m_minMessages->setRange(0, 100000);
    m_minMessages->setPrefix(tr("at least "));
    m_minMessages->setSuffix(tr(" messages"));
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text, 0, 0, 1, 3);
    layout->addWidget(m_participant, 0, 3, 1, 2);
    layout->addWidget(m_useDates, 1, 0);
    layout->addWidget(m_from, 1, 1);
    layout->addWidget(new QLabel(tr("and"), this), 1, 2, Qt::AlignCenter);
    layout->addWidget(m_to, 1, 3);
    layout->addWidget(m_minMessages, 1, 4);
    layout->setColumnStretch(1, 1);
    layout->setColumnStretch(3, 1);
    connect(m_text, &QLineEdit::textChanged, this, &ThreadFilterBar::emitCriteria);
    connect(m_participant, &QLineEdit::textChanged, this, &ThreadFilterBar::emitCriteria);
    connect(m_useDates, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_useDates, &QCheckBox::toggled, m_to, &QWidget::setEnabled);
    connect(m_useDates, &QCheckBox::toggled, this, &ThreadFilterBar::emitCriteria);
    connect(m_from, &QDateEdit::dateChanged, this, &ThreadFilterBar::emitCriteria);
    connect(m_to, &QDateEdit::dateChanged, this, &ThreadFilterBar::emitCriteria);
    connect(m_minMessages, &QSpinBox::valueChanged, this, &ThreadFilterBar::emitCriteria);
}

model::ThreadFilterProxy::Criteria ThreadFilterBar::criteria() const
{
    model::ThreadFilterProxy::Criteria c;
    c.text = m_text->text();
    c.participant = m_participant->text();
    if (m_useDates->isChecked()) {
        c.from = m_from->date();
        c.to = m_to->date();
    }
    c.minMessages = m_minMessages->value();
    return c;
}

void ThreadFilterBar::setDateBounds(const QDate &first, const QDate &last)
{
    const QSignalBlocker a(m_from), b(m_to);
    m_from->setDate(first);
    m_to->setDate(last);
}

void ThreadFilterBar::emitCriteria()
{
    Q_EMIT criteriaChanged(criteria());
}

} // namespace th::ui
