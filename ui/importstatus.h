#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace th::model {
struct ImportProgress;
}

namespace th::ui {

/// Status-bar widget for a running import: messages, bytes, rate, and a Cancel button.
class ImportStatus : public QWidget
{
    Q_OBJECT
public:
    explicit ImportStatus(QWidget *parent = nullptr);

    void begin();
    void update(const model::ImportProgress &progress);
    void end(const QString &summary);

Q_SIGNALS:
    void cancelRequested();

private:
    QLabel *m_label;
    QProgressBar *m_bar;
    QToolButton *m_cancel;
};

} // namespace th::ui
