# Generates the sample .rdp files in tests/data/rdp (kept in the repo; this script documents them).
import os
crlf = "\r\n"
broker = [
    "screen mode id:i:2", "use multimon:i:0", "desktopwidth:i:1920", "desktopheight:i:1080",
    "session bpp:i:32", "winposstr:s:0,3,0,0,800,600", "compression:i:1", "keyboardhook:i:2",
    "audiocapturemode:i:0", "videoplaybackmode:i:1", "connection type:i:7", "networkautodetect:i:1",
    "bandwidthautodetect:i:1", "displayconnectionbar:i:1", "enableworkspacereconnect:i:0",
    "disable wallpaper:i:0", "allow font smoothing:i:0", "allow desktop composition:i:0",
    "disable full window drag:i:1", "disable menu anims:i:1", "disable themes:i:0",
    "disable cursor setting:i:0", "bitmapcachepersistenable:i:1", "full address:s:rdcb01.contoso.com",
    "audiomode:i:0", "redirectprinters:i:1", "redirectcomports:i:0", "redirectsmartcards:i:1",
    "redirectclipboard:i:1", "redirectposdevices:i:0", "autoreconnection enabled:i:1",
    "authentication level:i:2", "prompt for credentials:i:0", "negotiate security layer:i:1",
    "remoteapplicationmode:i:0", "alternate shell:s:", "shell working directory:s:",
    "gatewayhostname:s:", "gatewayusagemethod:i:4", "gatewaycredentialssource:i:4",
    "gatewayprofileusagemethod:i:0", "promptcredentialonce:i:0", "gatewaybrokeringtype:i:0",
    "use redirection server name:i:0", "rdgiskdcproxy:i:0", "kdcproxyname:s:",
    "loadbalanceinfo:s:tsv://MS Terminal Services Plugin.1.Desktops",
    "prompt for credentials on client:i:1", "enablecredsspsupport:i:1", "drivestoredirect:s:",
    "username:s:CONTOSO\\jdoe", "domain:s:CONTOSO", "signscope:s:Full Address,LoadBalanceInfo",
]
with open("broker_farm_utf16.rdp", "wb") as f:
    f.write(b"\xff\xfe" + (crlf.join(broker) + crlf).encode("utf-16-le"))

clean = [
    "full address:s:rdsh01.contoso.com", "username:s:CONTOSO\\jdoe", "enablecredsspsupport:i:1",
    "authentication level:i:2", "prompt for credentials:i:0", "negotiate security layer:i:1",
    "promptcredentialonce:i:1", "gatewayhostname:s:", "gatewayusagemethod:i:0",
    "screen mode id:i:2", "session bpp:i:32", "redirectclipboard:i:1",
]
with open("clean_utf16.rdp", "wb") as f:
    f.write(b"\xff\xfe" + (crlf.join(clean) + crlf).encode("utf-16-le"))

# Hand-edited UTF-8 file, LF endings, with a port, odd case and a comment.
weak = [
    "# edited by hand", "Full Address:s:10.20.30.40:3390", "EnableCredSSPSupport:i:0",
    "authentication level:i:0", "negotiate security layer:i:0", "", "screen mode id:i:1",
    "gatewayhostname:s:rdgw.contoso.com", "gatewayusagemethod:i:1",
]
with open("weak_utf8.rdp", "wb") as f:
    f.write(("\n".join(weak) + "\n").encode("utf-8"))

# Malformed: line 3 has no type field.
bad = ["full address:s:rdsh01.contoso.com", "screen mode id:i:2", "enablecredsspsupport=1", "session bpp:i:32"]
with open("malformed_utf16.rdp", "wb") as f:
    f.write(b"\xff\xfe" + (crlf.join(bad) + crlf).encode("utf-16-le"))
