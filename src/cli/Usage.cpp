#include "cli/Usage.h"

namespace AlertGate {

std::string usageText()
{
    return R"(Usage:
  alertgate [--config FILE]                 run the gateway in the foreground (Ctrl-C or SIGTERM stops it)
  alertgate check-config [--config FILE]    validate the configuration and exit (0 = usable)
  alertgate check-store [--config FILE]     check the whole history database (PRAGMA quick_check);
                                            start-up runs it only after an unclean stop
  alertgate history [--config FILE] [FILTERS] [--format table|json|csv]
                                            show recorded alert state changes, oldest first
  alertgate silence [--config FILE] [--by NAME] [--comment TEXT]
                                            silence the buzzer until a new alert fires (asks the
                                            running daemon; recorded in the history)
  alertgate test-notify slack|email [--config FILE]
                                            send a sample notification through a channel and print
                                            what its server answered (exit 0 = delivered)
  alertgate --help | --version

Options:
  -c, --config FILE   the INI file (see /etc/alertgate/alertgate.ini); without it, embedded defaults:
                      listen on 127.0.0.1:9098, history in ./alertgate.db, no authentication
  -h, --help          show this help
  -V, --version       print the version

History filters:
  --since T           from T: a duration back from now (30m, 24h, 7d) or an RFC 3339 time
  --until T           up to T (same forms)
  --status S          firing, resolved or silenced
  --severity S        the severity label's value (critical, warning, alert, info, ...)
  --alertname NAME    the alertname label's value
  --label NAME=VALUE  a label's value; repeat for several (all must match)
  --limit N           the newest N matching changes (default 100, at most 100000)
  --format F          table (default), json or csv
)";
}

} // namespace AlertGate
