#pragma once

#include "model/threadfilterproxy.h"

#include <QWidget>

class QCheckBox;
class QDateEdit;
class QLineEdit;
class QSpinBox;

namespace th::ui {

/// Filter controls above the thread list: text, participant, date range, minimum thread size.
class ThreadFilterBar : public QWidget
{
    Q_OBJECT
public:
    explicit ThreadFilterBar(QWidget *parent = nullptr);

    [[nodiscard]] model::ThreadFilterProxy::Criteria criteria() const;
    void setDateBounds(const QDate &first, const QDate &last);

Q_SIGNALS:
    void criteriaChanged(const th::model::ThreadFilterProxy::Criteria &criteria);

private:
    void emitCriteria();

    QLineEdit *m_text;
    QLineEdit *m_participant;
    QCheckBox *m_useDates;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QSpinBox *m_minMessages;
};

} // namespace th::ui
