"""Electronic signing of a PDF as Nghị định 30/2020 Phụ lục I describes the electronic document:
where the signer's and the organ's images go (`place`), the images themselves (`images`), the keys
(`keys`, a PKCS#12 file or a PKCS#11 token) and the PAdES signature (`pades`)."""
