#include "thread.h"

namespace th::model {

QList<int> Thread::messageIndexes() const
{
    QList<int> out;
    for (const ThreadNode &n : nodes) {
        if (!n.isGhost())
            out << n.message;
    }
    return out;
}

const ThreadNode *ThreadSet::parentOf(int messageIndex) const
{
    const Thread &t = threads[threadOfMessage[messageIndex]];
    const int parent = t.nodes[nodeOfMessage[messageIndex]].parent;
    return parent < 0 ? nullptr : &t.nodes[parent];
}

} // namespace th::model
