<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>Meeting Details - Essex County Council - Committee Meetings (SAMPLE)</title>
<meta name="description" content="SAMPLE DATA — invented for testing councilfacts; these figures are not real."></head>
<body>
<div class="sample-banner" role="note" style="background:#b00020;color:#fff;padding:8px;text-align:center;font-family:sans-serif"><strong>SAMPLE DATA — invented for testing councilfacts; these figures are not real</strong></div>
<div id="dnn_ContentPane">
<div class="DNNModuleContent ModCMISMeetingsC">
  <h1>Meeting Details</h1>
  <div class="holder">
    <div class="DNNLabel CommitteeLabel"><div class="dnnLabel"><label><span>Committee:</span></label></div></div>
    <div class="Value Committee">Children and Young People Policy and Scrutiny Committee</div>
  </div>
  <div class="holder">
    <div class="DNNLabel DateLabel"><div class="dnnLabel"><label><span>Date/Time:</span></label></div></div>
    <div class="Value Date">23 Mar 2022 - 10:30</div>
  </div>
  <div class="holder">
    <div class="DNNLabel StatusLabel"><div class="dnnLabel"><label><span>Status:</span></label></div></div>
    <div class="Value Status">Cancelled</div>
  </div>
  <div class="holder">
    <div class="DNNLabel VenueLabel"><div class="dnnLabel"><label><span>Venue:</span></label></div></div>
    <div class="Value Venue">Committee Room 1, County Hall, Chelmsford</div>
  </div>
  <p>There are no documents for this meeting.</p>
</div>
</div>
<footer><p>Essex County Council. SAMPLE DATA — invented for testing councilfacts; these figures are not real.</p></footer>
</body>
</html>
