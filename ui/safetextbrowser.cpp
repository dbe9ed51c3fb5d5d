#include "safetextbrowser.h"

namespace th::ui {

SafeTextBrowser::SafeTextBrowser(QWidget *parent) : QTextBrowser(parent)
{
    setOpenLinks(false);
    setOpenExternalLinks(false);
    setReadOnly(true);
}

QVariant SafeTextBrowser::loadResource(int, const QUrl &)
{
    return {};
}

} // namespace th::ui
