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
    <div class="Value Date">10 Nov 2021 - 10:30</div>
  </div>
  <div class="holder">
    <div class="DNNLabel StatusLabel"><div class="dnnLabel"><label><span>Status:</span></label></div></div>
    <div class="Value Status">Scheduled</div>
  </div>
  <div class="holder">
    <div class="DNNLabel VenueLabel"><div class="dnnLabel"><label><span>Venue:</span></label></div></div>
    <div class="Value Venue">Committee Room 1, County Hall, Chelmsford</div>
  </div>
    <div id="dnn_ctr397_ViewMeetingPublic_cmisPdfDocuments_pnlDocuments" class="CmisDocumentList">
        <ol class="DocumentList">
            <li class="DocumentListItem">
                <img class="FileTypeImage" src="/cmis/images/FileManager/Icons/pdf.gif" alt="pdf" />
                <a id="dnn_ctr397_ViewMeetingPublic_cmisPdfDocuments_rptDocuments_linkTitle_0" title="Click to view '[SAMPLE] Children&#x27;s Social Care Recruitment and Retention'" class="TitleLink" href="/cmis/Document.ashx?czJKcaeAi5tUFL1DTL2UE4zNRBcoShgo=Xp7Yq2" target="_blank">[SAMPLE] Children&#x27;s Social Care Recruitment and Retention</a>
                <span class="FileSize">(3Kb)</span>
            </li>
        </ol>
    </div>
</div>
</div>
<footer><p>Essex County Council. SAMPLE DATA — invented for testing councilfacts; these figures are not real.</p></footer>
</body>
</html>
