// libyaml from the system (Debian's libyaml-dev): `scripts/setup` installs it.
#include <yaml.h>
