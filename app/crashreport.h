#pragma once

namespace th::app {

/// On a fatal signal (a crash or an abort), prints the signal and the dying thread's call stack to
/// standard error, then lets the default action end the process. Mail is hostile input and batch scans
/// run unattended: a crash must leave enough behind to find the code that failed.
///
/// Sanitizer builds keep their own, better reports: there install() does nothing.
class CrashReport
{
public:
    static void install();
};

} // namespace th::app
