/* Read by decap-cms.js as it loads: admin.js starts Decap itself, once it has registered
 * the site's format and knows that a sign-in can work. */
window.CMS_MANUAL_INIT = true;
