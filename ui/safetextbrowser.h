#pragma once

#include <QTextBrowser>

namespace th::ui {

/// A QTextBrowser that loads nothing: no images, no style sheets, no links followed.
/// Everything shown comes from text the workbench itself produced.
class SafeTextBrowser : public QTextBrowser
{
    Q_OBJECT
public:
    explicit SafeTextBrowser(QWidget *parent = nullptr);

protected:
    QVariant loadResource(int type, const QUrl &name) override;
};

} // namespace th::ui
