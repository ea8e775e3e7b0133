<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>Meetings - Essex County Council - Committee Meetings (SAMPLE)</title>
<meta name="description" content="SAMPLE DATA — invented for testing councilfacts; these figures are not real."></head>
<body>
<div class="sample-banner" role="note" style="background:#b00020;color:#fff;padding:8px;text-align:center;font-family:sans-serif"><strong>SAMPLE DATA — invented for testing councilfacts; these figures are not real</strong></div>
<div id="dnn_ContentPane">
<div class="DNNModuleContent ModCMISMeetingsC">
<h1>Meetings</h1>
<div id="dnn_ctr397_MeetingCalendarPublic_pnlViewActions">
    <div class="UserEditActions">
        <input type="submit" name="dnn$ctr397$MeetingCalendarPublic$btnButtonListView" value="Meeting List View" id="dnn_ctr397_MeetingCalendarPublic_btnButtonListView" />
        <input type="submit" name="dnn$ctr397$MeetingCalendarPublic$btnButtonMeetingsRSS" value="Meetings RSS" id="dnn_ctr397_MeetingCalendarPublic_btnButtonMeetingsRSS" />
    </div>
</div>
</div>
</div>
<footer><p>Essex County Council. SAMPLE DATA — invented for testing councilfacts; these figures are not real.</p></footer>
</body>
</html>
