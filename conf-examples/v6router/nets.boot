# /etc/tinc/nets.boot: nets started by the SysV init script (systemd uses tinc@v6net.service instead).
v6net
