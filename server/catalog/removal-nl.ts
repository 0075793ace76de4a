// The catalog's removal steps in Dutch, kept on the server (the agent carries only the English). Keyed by
// the English step, so a step several guides share is translated once. Commands, paths, registry
// keys, quoted interface labels and product names stay exactly as in the English text
// (tests/unit/catalog/removal-translations.test.ts checks that, and that every step has its Dutch).
// Windows and macOS interface names as their Dutch versions show them ("Programma's en onderdelen").
export const REMOVAL_STEPS_NL: Readonly<Record<string, string>> = {
  "Remove the protection product first (Kaspersky Endpoint Security), then the agent: removing one leaves the other.":
    "Verwijder eerst het beveiligingsproduct (Kaspersky Endpoint Security) en daarna de agent: bij het verwijderen van het een blijft het ander staan.",
  "Settings > Apps > 'Kaspersky Security Center Network Agent' > Uninstall, or msiexec /x {ProductCode} /qn (add KLUNINSTPASSWD=<password> if the agent's uninstall is password-protected).":
    "Instellingen > Apps > 'Kaspersky Security Center Network Agent' > Verwijderen, of msiexec /x {ProductCode} /qn (voeg KLUNINSTPASSWD=<password> toe als het verwijderen van de agent met een wachtwoord is beveiligd).",
  "Confirm the klnagent service and the folder ...\\Kaspersky Lab\\NetworkAgent are gone.": "Controleer of de service klnagent en de map ...\\Kaspersky Lab\\NetworkAgent verdwenen zijn.",
  "sudo apt-get purge klnagent64 (or klnagent), or sudo rpm -e klnagent64 (or klnagent).": "sudo apt-get purge klnagent64 (of klnagent), of sudo rpm -e klnagent64 (of klnagent).",
  "Remove /opt/kaspersky/klnagent64 and /var/opt/kaspersky/klnagent if they remain.": "Verwijder /opt/kaspersky/klnagent64 en /var/opt/kaspersky/klnagent als die nog bestaan.",
  "Run the vendor uninstaller: the 'Uninstall <product>' application shipped in the product's installer disk image (name varies by product; unverified per version), or the Security Center remote uninstall task.":
    "Voer het verwijderprogramma van de leverancier uit: de app 'Uninstall <product>' op de installatieschijfkopie van het product (de naam verschilt per product; niet per versie gecontroleerd), of de taak voor verwijderen op afstand in Security Center.",
  "Confirm that no com.kaspersky.* system extension, launch daemon or receipt remains (re-run the Muster agent).":
    "Controleer of er geen systeemextensie, launch daemon of installatiebewijs (receipt) van com.kaspersky.* is achtergebleven (voer de Muster-agent opnieuw uit).",
  "If the endpoint is managed by Kaspersky Security Center, prefer the 'Remote uninstallation of application' task there; it delivers the vendor's uninstall utility.":
    "Wordt de werkplek beheerd met Kaspersky Security Center, gebruik dan bij voorkeur de taak 'Remote uninstallation of application' in Security Center; die levert het verwijderprogramma van de leverancier mee.",
  "If the product is password-protected, obtain the uninstall password from the Security Center administrator (or switch off password protection in the policy) before starting.":
    "Is het product met een wachtwoord beveiligd, vraag dan vooraf het verwijderwachtwoord op bij de beheerder van Security Center (of schakel de wachtwoordbeveiliging uit in het beleid).",
  "Locally: Settings > Apps (or Programs and Features) > the Kaspersky product > Uninstall.":
    "Op de werkplek zelf: Instellingen > Apps (of Programma's en onderdelen) > het Kaspersky-product > Verwijderen.",
  "Silently: msiexec /x {ProductCode} /qn, adding KLLOGIN=<user> KLPASSWD=<password> when password-protected (older versions used KLUNINSTPASSWD=<password>; unverified per version). The product code is the Uninstall key name reported by the agent.":
    "Zonder tussenkomst van de gebruiker: msiexec /x {ProductCode} /qn, met de toevoeging KLLOGIN=<user> KLPASSWD=<password> als het product met een wachtwoord is beveiligd (oudere versies gebruikten KLUNINSTPASSWD=<password>; niet per versie gecontroleerd). De productcode is de naam van de Uninstall-sleutel die de agent rapporteert.",
  "If the uninstaller fails, run Kaspersky's cleanup tool kavremvr.exe (download from Kaspersky support), then reboot.":
    "Werkt het verwijderprogramma niet, voer dan het opschoonprogramma kavremvr.exe van Kaspersky uit (te downloaden via de ondersteuningssite van Kaspersky) en start de computer daarna opnieuw op.",
  "Kaspersky Security Center Network Agent is a separate install: remove it as well (see its guide).":
    "Kaspersky Security Center Network Agent is een aparte installatie: verwijder die ook (zie de instructie daarvoor).",
  "Run the Muster agent again: drivers such as klif/klhk or the AVP service left behind are reported as remnants.":
    "Voer de Muster-agent opnieuw uit: achtergebleven stuurprogramma's zoals klif/klhk of de service AVP worden als restanten gerapporteerd.",
  "Debian/Ubuntu/Astra: sudo apt-get purge kesl kesl-gui (and klnagent64 or klnagent for the Network Agent).":
    "Debian/Ubuntu/Astra: sudo apt-get purge kesl kesl-gui (en klnagent64 of klnagent voor de Network Agent).",
  "RHEL/SUSE/ALT/RED OS: sudo rpm -e kesl kesl-gui (and klnagent64 or klnagent).": "RHEL/SUSE/ALT/RED OS: sudo rpm -e kesl kesl-gui (en klnagent64 of klnagent).",
  "Remove what the packages leave: /var/opt/kaspersky/kesl, /etc/opt/kaspersky/kesl and /opt/kaspersky if empty.":
    "Verwijder wat de pakketten achterlaten: /var/opt/kaspersky/kesl, /etc/opt/kaspersky/kesl en /opt/kaspersky als die map leeg is.",
  "Run the Muster agent again: kesl.service or klnagent64.service still listed means the removal is incomplete.":
    "Voer de Muster-agent opnieuw uit: worden kesl.service of klnagent64.service nog gerapporteerd, dan is de verwijdering niet volledig.",
  "Settings > Apps (or Programs and Features) > the Kaspersky product > Uninstall; enter the product password if one was set.":
    "Instellingen > Apps (of Programma's en onderdelen) > het Kaspersky-product > Verwijderen; voer het productwachtwoord in als dat is ingesteld.",
  "Run the Muster agent again to confirm no driver or service is left behind.": "Voer de Muster-agent opnieuw uit om te controleren of er geen stuurprogramma of service is achtergebleven.",
  "Settings > Apps (or Programs and Features) > the Dr.Web product > Uninstall; self-protection may ask for a confirmation code or the product password.":
    "Instellingen > Apps (of Programma's en onderdelen) > het Dr.Web-product > Verwijderen; de zelfbescherming kan om een bevestigingscode of het productwachtwoord vragen.",
  "Managed by Dr.Web Enterprise Security Suite: remove the agent from the Dr.Web Control Center (uninstall task) or allow local removal in the agent's policy first.":
    "Beheerd met Dr.Web Enterprise Security Suite: verwijder de agent via het Dr.Web Control Center (verwijdertaak) of sta eerst lokaal verwijderen toe in het beleid van de agent.",
  "If the uninstaller fails, run Doctor Web's removal utility (drw_remover.exe, from Doctor Web support; unverified name), then reboot.":
    "Werkt het verwijderprogramma niet, voer dan het verwijderhulpprogramma van Doctor Web uit (drw_remover.exe, verkrijgbaar via de ondersteuning van Doctor Web; naam niet gecontroleerd) en start de computer daarna opnieuw op.",
  "Run the Muster agent again: drivers such as dwprot or spiderg3 still present are remnants.":
    "Voer de Muster-agent opnieuw uit: stuurprogramma's zoals dwprot of spiderg3 die nog aanwezig zijn, zijn restanten.",
  "Run the vendor's remover: /opt/drweb.com/bin/uninst.sh (installed from the .run distribution; unverified path), or":
    "Voer het verwijderscript van de leverancier uit: /opt/drweb.com/bin/uninst.sh (bij installatie vanuit de .run-distributie; pad niet gecontroleerd), of",
  "from packages: sudo apt-get purge 'drweb-*' or sudo rpm -e $(rpm -qa 'drweb-*').": "bij installatie uit pakketten: sudo apt-get purge 'drweb-*' of sudo rpm -e $(rpm -qa 'drweb-*').",
  "Remove /opt/drweb.com, /etc/opt/drweb.com and /var/opt/drweb.com if they remain.": "Verwijder /opt/drweb.com, /etc/opt/drweb.com en /var/opt/drweb.com als die nog bestaan.",
  "Run the Dr.Web uninstaller from the product's disk image or the app's menu (unverified), then re-run the Muster agent to check for com.drweb.* leftovers.":
    "Voer het verwijderprogramma van Dr.Web uit vanaf de schijfkopie van het product of via het menu van de app (niet gecontroleerd) en voer daarna de Muster-agent opnieuw uit om te controleren op restanten van com.drweb.*.",
  "Settings > Apps (or Programs and Features) > 360 Total Security / 360安全卫士 / 360杀毒 > Uninstall; the uninstaller asks to confirm and may try to keep components: choose full removal.":
    "Instellingen > Apps (of Programma's en onderdelen) > 360 Total Security / 360安全卫士 / 360杀毒 > Verwijderen; het verwijderprogramma vraagt om bevestiging en probeert mogelijk onderdelen te laten staan: kies voor volledig verwijderen.",
  "Turn off self-protection first if the uninstaller refuses (product settings; unverified per version).":
    "Schakel eerst de zelfbescherming uit als het verwijderprogramma weigert (in de instellingen van het product; niet per versie gecontroleerd).",
  "Reboot, then run the Muster agent again: services ZhuDongFangYu / QHActiveDefense or drivers 360FsFlt, 360Box64, BAPIDRV64 still present are remnants.":
    "Start de computer opnieuw op en voer daarna de Muster-agent nogmaals uit: de services ZhuDongFangYu / QHActiveDefense of de stuurprogramma's 360FsFlt, 360Box64, BAPIDRV64 die dan nog aanwezig zijn, zijn restanten.",
  "Offboard the device from the Defender portal (offboarding package), then the Sense service stops; the Windows component itself is part of the OS.":
    "Offboard het apparaat in de Defender-portal (offboardingpakket); daarna stopt de service Sense. Het Windows-onderdeel zelf hoort bij het besturingssysteem.",
  "Offboard, then sudo apt-get purge mdatp or sudo yum remove mdatp.": "Eerst offboarden, daarna sudo apt-get purge mdatp of sudo yum remove mdatp.",
  "Offboard, then remove 'Microsoft Defender' from /Applications (the app's uninstaller removes its system extensions).":
    "Eerst offboarden, daarna 'Microsoft Defender' verwijderen uit /Applications (het verwijderprogramma van de app verwijdert ook de systeemextensies).",
  "Part of Windows: it is not uninstalled. It switches to passive mode when another registered antivirus is active (Security Center) and can be disabled by Group Policy.":
    "Onderdeel van Windows: het wordt niet verwijderd. Het schakelt over naar de passieve modus als een ander geregistreerd antivirusprogramma actief is (Beveiligingscentrum) en kan met Groepsbeleid worden uitgeschakeld.",
  "On Windows Server it is a feature: Uninstall-WindowsFeature Windows-Defender (only with another antivirus in place).":
    "Op Windows Server is het een onderdeel (feature): Uninstall-WindowsFeature Windows-Defender (alleen als er een ander antivirusprogramma actief is).",
  "Programs and Features > Microsoft Security Essentials (or Microsoft Security Client) > Uninstall, then reboot.":
    "Programma's en onderdelen > Microsoft Security Essentials (of Microsoft Security Client) > Verwijderen; start de computer daarna opnieuw op.",
  "Uninstall needs the host's maintenance token (Falcon console > Host management) when uninstall protection is on.":
    "Staat de verwijderbeveiliging (uninstall protection) aan, dan is voor verwijderen het onderhoudstoken (maintenance token) van de host nodig (Falcon-console > Host management).",
  "Programs and Features > CrowdStrike Windows Sensor, or CsUninstallTool.exe MAINTENANCE_TOKEN=<token> /quiet.":
    "Programma's en onderdelen > CrowdStrike Windows Sensor, of CsUninstallTool.exe MAINTENANCE_TOKEN=<token> /quiet.",
  "sudo apt-get purge falcon-sensor or sudo rpm -e falcon-sensor (maintenance token if uninstall protection is on).":
    "sudo apt-get purge falcon-sensor of sudo rpm -e falcon-sensor (met het onderhoudstoken als de verwijderbeveiliging aan staat).",
  "sudo /Applications/Falcon.app/Contents/Resources/falconctl uninstall --maintenance-token": "sudo /Applications/Falcon.app/Contents/Resources/falconctl uninstall --maintenance-token",
  "Get the agent passphrase from the SentinelOne console (or approve the uninstall there).":
    "Haal de wachtwoordzin (passphrase) van de agent op in de SentinelOne-console (of keur het verwijderen daar goed).",
  "Programs and Features > Sentinel Agent > Uninstall, entering the passphrase.": "Programma's en onderdelen > Sentinel Agent > Verwijderen; voer de wachtwoordzin in.",
  "Approve in the console, then sudo apt-get purge sentinelagent or sudo rpm -e SentinelAgent.":
    "Keur het verwijderen goed in de console en voer daarna sudo apt-get purge sentinelagent of sudo rpm -e SentinelAgent uit.",
  "sudo sentinelctl uninstall --passphrase <passphrase> (unverified flags; console-approved uninstall also works).":
    "sudo sentinelctl uninstall --passphrase <passphrase> (opties niet gecontroleerd; verwijderen na goedkeuring in de console werkt ook).",
  "Uninstall needs the uninstall password set in the Cortex XDR console (Agent Settings profile).":
    "Voor verwijderen is het verwijderwachtwoord nodig dat in de Cortex XDR-console is ingesteld (profiel Agent Settings).",
  "Programs and Features > Cortex XDR > Uninstall, or msiexec /x {ProductCode} UNINSTALL_PASSWORD=<password> /qn.":
    "Programma's en onderdelen > Cortex XDR > Verwijderen, of msiexec /x {ProductCode} UNINSTALL_PASSWORD=<password> /qn.",
  "sudo /opt/traps/bin/cytool uninstall (or remove the cortex-agent package); password required when set.":
    "sudo /opt/traps/bin/cytool uninstall (of verwijder het pakket cortex-agent); het wachtwoord is nodig als het is ingesteld.",
  "Needs the deregistration/uninstall code from the Carbon Black console.": "Voor verwijderen is de afmeld- of verwijdercode uit de Carbon Black-console nodig.",
  "Programs and Features > Carbon Black Cloud Sensor > Uninstall, or msiexec /x {ProductCode} /qn COMPANY_CODE=<code> (unverified property).":
    "Programma's en onderdelen > Carbon Black Cloud Sensor > Verwijderen, of msiexec /x {ProductCode} /qn COMPANY_CODE=<code> (eigenschap niet gecontroleerd).",
  "sudo elastic-agent uninstall (also removes Elastic Defend when installed through Fleet).": "sudo elastic-agent uninstall (verwijdert ook Elastic Defend als dat via Fleet is geïnstalleerd).",
  "sudo apt-get purge wazuh-agent or sudo rpm -e wazuh-agent; remove /var/ossec if it remains.":
    "sudo apt-get purge wazuh-agent of sudo rpm -e wazuh-agent; verwijder /var/ossec als die map nog bestaat.",
  "Turn off Tamper Protection for the device in Sophos Central (or use the tamper-protection password).":
    "Schakel Tamper Protection voor het apparaat uit in Sophos Central (of gebruik het wachtwoord voor Tamper Protection).",
  "Run C:\\Program Files\\Sophos\\Sophos Endpoint Agent\\SophosUninstall.exe (or uninstallcli.exe), then reboot.":
    "Voer C:\\Program Files\\Sophos\\Sophos Endpoint Agent\\SophosUninstall.exe uit (of uninstallcli.exe) en start de computer daarna opnieuw op.",
  "sudo /opt/sophos-spl/bin/uninstall.sh (Sophos Protection for Linux) or /opt/sophos-av/uninstall.sh (legacy).":
    "sudo /opt/sophos-spl/bin/uninstall.sh (Sophos Protection for Linux) of /opt/sophos-av/uninstall.sh (oudere versies).",
  "Run 'Remove Sophos Endpoint' from /Library/Application Support/Sophos/saas/Installer.app/Contents/MacOS/tools (tamper protection off first; unverified path).":
    "Voer 'Remove Sophos Endpoint' uit vanuit /Library/Application Support/Sophos/saas/Installer.app/Contents/MacOS/tools (schakel eerst Tamper Protection uit; pad niet gecontroleerd).",
  "Remove the ESET password protection in the ESET PROTECT policy (or enter the settings password).":
    "Zet de wachtwoordbeveiliging van ESET uit in het ESET PROTECT-beleid (of voer het wachtwoord voor de instellingen in).",
  "Programs and Features > ESET Endpoint Security > Uninstall (then ESET Management Agent separately); ESET Uninstaller (esetuninstaller.exe, Safe Mode) if that fails.":
    "Programma's en onderdelen > ESET Endpoint Security > Verwijderen (verwijder daarna ESET Management Agent apart); lukt dat niet, gebruik dan ESET Uninstaller (esetuninstaller.exe, in Veilige modus).",
  "sudo apt-get purge eea (or efs) / sudo rpm -e eea; then remove the ESET Management Agent (eraagent).":
    "sudo apt-get purge eea (of efs) / sudo rpm -e eea; verwijder daarna de ESET Management Agent (eraagent).",
  "Programs and Features > the ESET product > Uninstall; ESET Uninstaller in Safe Mode if that fails.":
    "Programma's en onderdelen > het ESET-product > Verwijderen; lukt dat niet, gebruik dan ESET Uninstaller in Veilige modus.",
  "Needs the uninstall password set in the GravityZone policy.": "Voor verwijderen is het verwijderwachtwoord nodig dat in het GravityZone-beleid is ingesteld.",
  "Programs and Features > Bitdefender Endpoint Security Tools > Uninstall, or the GravityZone 'Uninstall client' task; BEST Uninstall Tool if it fails.":
    "Programma's en onderdelen > Bitdefender Endpoint Security Tools > Verwijderen, of de GravityZone-taak 'Uninstall client'; lukt dat niet, gebruik dan de BEST Uninstall Tool.",
  "sudo /opt/bitdefender-security-tools/bin/uninstall (unverified path) or remove the bitdefender-security-tools package.":
    "sudo /opt/bitdefender-security-tools/bin/uninstall (pad niet gecontroleerd) of verwijder het pakket bitdefender-security-tools.",
  "Programs and Features > the Bitdefender product > Uninstall; Bitdefender Uninstall Tool if it fails.":
    "Programma's en onderdelen > het Bitdefender-product > Verwijderen; lukt dat niet, gebruik dan de Bitdefender Uninstall Tool.",
  "Deactivate the agent in the console (agent self-protection), then sudo apt-get purge ds-agent or sudo rpm -e ds_agent.":
    "Deactiveer de agent in de console (zelfbescherming van de agent) en voer daarna sudo apt-get purge ds-agent of sudo rpm -e ds_agent uit.",
  "Needs the agent uninstall password set on the Apex One server (or uninstall from the server console).":
    "Voor verwijderen is het verwijderwachtwoord van de agent nodig dat op de Apex One-server is ingesteld (of verwijder via de serverconsole).",
  "Programs and Features > Trend Micro Apex One Security Agent > Uninstall; SCUT (the vendor's removal tool) if it fails.":
    "Programma's en onderdelen > Trend Micro Apex One Security Agent > Verwijderen; lukt dat niet, gebruik dan SCUT (het verwijderhulpprogramma van de leverancier).",
  "Remove the protection products first, then: \"C:\\Program Files\\McAfee\\Agent\\x86\\FrmInst.exe\" /forceuninstall (or the ePO 'Remove agent' action).":
    "Verwijder eerst de beveiligingsproducten, daarna: \"C:\\Program Files\\McAfee\\Agent\\x86\\FrmInst.exe\" /forceuninstall (of de actie 'Remove agent' in ePO).",
  "sudo /opt/McAfee/agent/scripts/uninstall.sh, or sudo rpm -e MFEcma MFErt / sudo dpkg --purge mcafeeagent.":
    "sudo /opt/McAfee/agent/scripts/uninstall.sh, of sudo rpm -e MFEcma MFErt / sudo dpkg --purge mcafeeagent.",
  "Remove from ePolicy Orchestrator (product deployment task) or Programs and Features > McAfee/Trellix Endpoint Security Threat Prevention, Firewall, Web Control, then Platform.":
    "Verwijder via ePolicy Orchestrator (taak voor productimplementatie) of via Programma's en onderdelen > McAfee/Trellix Endpoint Security Threat Prevention, Firewall, Web Control en als laatste Platform.",
  "If that fails: the vendor's Endpoint Product Removal tool (EPR), then remove the agent.":
    "Lukt dat niet: gebruik de Endpoint Product Removal tool (EPR) van de leverancier en verwijder daarna de agent.",
  "sudo rpm -e McAfeeTP McAfeeESP (or sudo dpkg --purge mcafeetp mcafeeesp), then the agent.": "sudo rpm -e McAfeeTP McAfeeESP (of sudo dpkg --purge mcafeetp mcafeeesp); verwijder daarna de agent.",
  "Programs and Features > McAfee Total Protection (or LiveSafe) > Uninstall; the McAfee Consumer Product Removal tool (MCPR.exe) if it fails.":
    "Programma's en onderdelen > McAfee Total Protection (of LiveSafe) > Verwijderen; lukt dat niet, gebruik dan de McAfee Consumer Product Removal tool (MCPR.exe).",
  "Programs and Features > Norton 360 (or Norton Security) > Uninstall; Norton Remove and Reinstall tool (choose 'Advanced options > Remove only') if it fails.":
    "Programma's en onderdelen > Norton 360 (of Norton Security) > Verwijderen; lukt dat niet, gebruik dan de Norton Remove and Reinstall tool (kies 'Advanced options > Remove only').",
  "Programs and Features > Avast Antivirus > Uninstall (confirm the self-defense prompt); avastclear.exe (Avast Uninstall Utility, Safe Mode) if it fails.":
    "Programma's en onderdelen > Avast Antivirus > Verwijderen (bevestig de melding van de zelfverdediging); lukt dat niet, gebruik dan avastclear.exe (Avast Uninstall Utility, in Veilige modus).",
  "Programs and Features > AVG AntiVirus > Uninstall; AVG Clear (avgclear.exe, Safe Mode) if it fails.":
    "Programma's en onderdelen > AVG AntiVirus > Verwijderen; lukt dat niet, gebruik dan AVG Clear (avgclear.exe, in Veilige modus).",
  "Programs and Features > Avira Security > Uninstall (also remove Avira Launcher/Connect if listed), then reboot.":
    "Programma's en onderdelen > Avira Security > Verwijderen (verwijder ook Avira Launcher/Connect als die in de lijst staan); start de computer daarna opnieuw op.",
  "If uninstall is password-protected, get the password from the SEP Manager (client policy).":
    "Is verwijderen met een wachtwoord beveiligd, vraag het wachtwoord dan op in SEP Manager (clientbeleid).",
  "Programs and Features > Symantec Endpoint Protection > Uninstall; CleanWipe (Broadcom support tool) if it fails.":
    "Programma's en onderdelen > Symantec Endpoint Protection > Verwijderen; lukt dat niet, gebruik dan CleanWipe (ondersteuningsprogramma van Broadcom).",
  "sudo /opt/Symantec/symantec_antivirus/uninstall.sh, or for the Linux agent sudo /usr/lib/symantec/uninstall.sh (unverified paths).":
    "sudo /opt/Symantec/symantec_antivirus/uninstall.sh, of voor de Linux-agent sudo /usr/lib/symantec/uninstall.sh (paden niet gecontroleerd).",
  "Programs and Features > Malwarebytes > Uninstall; Malwarebytes Support Tool (mb-support) > Advanced > Clean if it fails.":
    "Programma's en onderdelen > Malwarebytes > Verwijderen; lukt dat niet, gebruik dan Malwarebytes Support Tool (mb-support) > Advanced > Clean.",
  "Deactivate agent self-protection in the Webroot console if managed.": "Schakel bij een beheerde installatie de zelfbescherming van de agent uit in de Webroot-console.",
  'Programs and Features > Webroot SecureAnywhere > Uninstall, or "C:\\Program Files\\Webroot\\WRSA.exe" -uninstall.':
    'Programma\'s en onderdelen > Webroot SecureAnywhere > Verwijderen, of "C:\\Program Files\\Webroot\\WRSA.exe" -uninstall.',
  "Managed clients: uninstall from G DATA Administrator (client > Uninstall G DATA Security Client).":
    "Beheerde clients: verwijder via G DATA Administrator (client > Uninstall G DATA Security Client).",
  "Otherwise Programs and Features > the G DATA product > Uninstall; the G DATA AVCleaner tool if it fails.":
    "Anders: Programma's en onderdelen > het G DATA-product > Verwijderen; lukt dat niet, gebruik dan het hulpprogramma G DATA AVCleaner.",
  "Programs and Features > WithSecure Elements Agent (or F-Secure Client Security) > Uninstall; uninstall may be locked by policy in Elements Security Center.":
    "Programma's en onderdelen > WithSecure Elements Agent (of F-Secure Client Security) > Verwijderen; verwijderen kan door beleid in Elements Security Center zijn geblokkeerd.",
  "Vendor uninstallation tool (fsuninstall) if it fails (unverified name).": "Lukt dat niet, gebruik dan het verwijderhulpprogramma van de leverancier (fsuninstall; naam niet gecontroleerd).",
  "Uninstall from the WatchGuard Cloud / Aether console, or Programs and Features with the uninstall password set in the security settings profile; remove the agent last.":
    "Verwijder via de WatchGuard Cloud / Aether-console, of via Programma's en onderdelen met het verwijderwachtwoord uit het profiel met beveiligingsinstellingen; verwijder de agent als laatste.",
  "Connector protection may require the password set in the Secure Endpoint policy.": "Voor Connector Protection kan het wachtwoord nodig zijn dat in het Secure Endpoint-beleid is ingesteld.",
  'Programs and Features > Cisco Secure Endpoint > Uninstall, or "C:\\Program Files\\Cisco\\AMP\\<version>\\uninstall.exe" /S /password <password> (unverified flags).':
    'Programma\'s en onderdelen > Cisco Secure Endpoint > Verwijderen, of "C:\\Program Files\\Cisco\\AMP\\<version>\\uninstall.exe" /S /password <password> (opties niet gecontroleerd).',
  "sudo apt-get purge clamav clamav-daemon clamav-freshclam, or sudo dnf remove clamav clamd clamav-update.":
    "sudo apt-get purge clamav clamav-daemon clamav-freshclam, of sudo dnf remove clamav clamd clamav-update.",
  "Managed by FortiClient EMS: unregister/allow uninstall in EMS first (or supply the configured password).":
    "Beheerd met FortiClient EMS: meld de client eerst af of sta verwijderen toe in EMS (of voer het ingestelde wachtwoord in).",
  "Programs and Features > FortiClient > Uninstall; FCRemove.exe (vendor removal tool) if it fails.":
    "Programma's en onderdelen > FortiClient > Verwijderen; lukt dat niet, gebruik dan FCRemove.exe (verwijderhulpprogramma van de leverancier).",
  "Needs the uninstall password from the Harmony Endpoint / SmartEndpoint policy.": "Voor verwijderen is het verwijderwachtwoord uit het beleid van Harmony Endpoint / SmartEndpoint nodig.",
  "Programs and Features > Check Point Endpoint Security > Uninstall.": "Programma's en onderdelen > Check Point Endpoint Security > Verwijderen.",
};
