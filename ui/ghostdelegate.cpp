#include "ghostdelegate.h"

#include "model/threadtreemodel.h"

namespace th::ui {

void GhostDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.data(model::ThreadTreeModel::GhostRole).toBool()) {
        option->font.setItalic(true);
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::Disabled, QPalette::Text));
    }
}

} // namespace th::ui
