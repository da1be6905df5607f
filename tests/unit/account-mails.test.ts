import { invitationMail, passwordResetMail } from "../../db/domain/account-mails";
import { browserLabel } from "../../app/utils/user-agent";

describe("account e-mails", () => {
  it("carry the link in the plain text on a line of its own, and as a real link in Swedish HTML with names escaped", () => {
    const link = "https://samverkan.example.se/aterstall/abc_-123";
    const mail = passwordResetMail({ name: "Åsa <Admin> & Co", link, validMinutes: 30 });
    expect(mail.text.split("\n")).toContain(link);
    expect(mail.text).toContain("30 minuter");
    expect(mail.html).toContain('<html lang="sv">');
    expect(mail.html).toContain(`<a href="${link}">Välj ett nytt lösenord</a>`);
    expect(mail.html).toContain("Åsa &lt;Admin&gt; &amp; Co");
    expect(mail.html).not.toContain("<Admin>");
  });

  it("name who invited and how long the invitation lasts", () => {
    const mail = invitationMail({ name: "Nora", invitedBy: "Karin Admin", link: "http://localhost:3000/inbjudan/x", validDays: 7 });
    expect(mail.subject).toBe("Inbjudan till Samverkan");
    expect(mail.text).toContain("Karin Admin har bjudit in dig");
    expect(mail.text).toContain("7 dagar");
  });
});

describe("a session's browser", () => {
  it.each([
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "Edge på Windows"],
    ["Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15", "Safari på macOS"],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
      "Safari på iOS",
    ],
    ["Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36", "Chrome på Android"],
    ["Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox på Linux"],
    ["curl/8.5.0", "Okänd webbläsare"],
    [null, "Okänd webbläsare"],
  ])("%s → %s", (userAgent, label) => {
    expect(browserLabel(userAgent)).toBe(label);
  });
});
